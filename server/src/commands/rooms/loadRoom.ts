import { notFound } from '../../domain/errors.js';
import { allow, type Action } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import type { Room, RoomRole } from '../../domain/room.js';
import { effectiveRoomRole } from '../../domain/roomCapabilities.js';
import type { Tenant } from '../../domain/tenant.js';
import { authorize, type CommandContext } from '../context.js';

export interface LoadedRoom {
  tenant: Tenant;
  room: Room;
  /** The actor's own role in the room. */
  myRole: RoomRole | null;
}

export function roomResource(tenant: Tenant, room: Room, myRole: RoomRole | null) {
  return {
    type: 'room' as const,
    tenantId: room.tenantId,
    roomId: room.id,
    archived: room.status === 'archived' || tenant.status === 'archived',
    visibility: room.visibility,
    memberRole: myRole,
  };
}

/** The role the actor acts in: a guest of the tenant acts as a room guest, whatever an older row says. */
export function actingRole(ctx: CommandContext, stored: RoomRole | null): RoomRole | null {
  return stored && ctx.actor.tenantRole ? effectiveRoomRole(ctx.actor.tenantRole, stored) : stored;
}

/**
 * Loads a room of a tenant and checks the action on it. A room the caller may
 * not even see is "not found", like one that does not exist.
 */
export async function loadRoomFor(
  store: Store,
  ctx: CommandContext,
  action: Action,
  tenantId: string,
  roomId: string,
  auditDenied: boolean,
): Promise<LoadedRoom> {
  const [tenant, room] = await Promise.all([store.read.tenants.findById(tenantId), store.read.rooms.findById(roomId)]);
  if (!tenant || !room || room.tenantId !== tenant.id) throw notFound('Room');
  const myRole = actingRole(ctx, ctx.actor.userId ? await store.read.rooms.memberRole(roomId, ctx.actor.userId) : null);
  const resource = roomResource(tenant, room, myRole);
  // Someone who may not see the room learns nothing about it, not even that it exists.
  if (!allow(ctx.actor, 'room.read', resource)) throw notFound('Room');
  await authorize(store, ctx, action, resource, auditDenied ? { targetType: 'room', targetId: roomId } : undefined);
  return { tenant, room, myRole };
}
