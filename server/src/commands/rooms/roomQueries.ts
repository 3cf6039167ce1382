import { allow } from '../../domain/policies/policy.js';
import type { Person } from '../../domain/person.js';
import type { Store } from '../../domain/ports/store.js';
import type { Room, RoomMember, RoomRole } from '../../domain/room.js';
import type { Tenant } from '../../domain/tenant.js';
import type { CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';
import { actingRole, loadRoomFor } from './loadRoom.js';

export interface RoomView {
  room: Room;
  myRole: RoomRole | null;
  matrixRoomId: string | null;
}

/** Rooms of a tenant the caller may see: all for admins; members see open rooms and theirs; guests only theirs. */
export async function listRooms(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
): Promise<{ tenant: Tenant; rooms: RoomView[] }> {
  const tenant = await loadTenantFor(store, ctx, 'room.list', tenantId, false);
  const me = ctx.actor.userId;
  const admin = allow(ctx.actor, 'audit.read', { type: 'tenant', tenantId, archived: false });
  const rooms = admin
    ? await store.read.rooms.list(tenantId)
    : me
      ? await store.read.rooms.list(tenantId, { visibleTo: me, memberOnly: ctx.actor.tenantRole === 'guest' })
      : [];
  const views = await Promise.all(
    rooms.map(async (room) => ({
      room,
      myRole: me ? actingRole(ctx, await store.read.rooms.memberRole(room.id, me)) : null,
      matrixRoomId: await store.read.rooms.matrixRoomId(room.id),
    })),
  );
  return { tenant, rooms: views };
}

export async function getRoom(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<{ tenant: Tenant } & RoomView> {
  const { tenant, room, myRole } = await loadRoomFor(store, ctx, 'room.read', tenantId, roomId, false);
  return { tenant, room, myRole, matrixRoomId: await store.read.rooms.matrixRoomId(roomId) };
}

export async function listRoomMembers(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<{ tenant: Tenant; room: Room; myRole: RoomRole | null; members: (RoomMember & { person: Person })[] }> {
  const loaded = await loadRoomFor(store, ctx, 'room.read', tenantId, roomId, false);
  const members = await store.read.rooms.members(roomId);
  const withPeople = await Promise.all(
    members.map(async (m) => ({ ...m, person: (await store.read.people.findById(m.personId)) as Person })),
  );
  return { ...loaded, members: withPeople.sort((a, b) => a.person.lastName.localeCompare(b.person.lastName)) };
}
