import { randomUUID } from 'node:crypto';
import { queueMeetingRemoval } from '../meetingControl.js';
import type { TenantRole } from '../../domain/actor.js';
import { conflict, DomainError, invalid, notFound } from '../../domain/errors.js';
import type { Store, StoreTx } from '../../domain/ports/store.js';
import type { RoomRole, RoomVisibility } from '../../domain/room.js';
import { roomRolesFor } from '../../domain/roomCapabilities.js';
import { auditEntry, authorize, type CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { roomSyncCoalesceKey } from '../../domain/jobs/roomJobs.js';
import { loadRoomFor, roomResource, type LoadedRoom } from './loadRoom.js';

export interface RoomProps {
  name: string;
  topic?: string;
  visibility?: RoomVisibility;
}

/** Queues the job that makes the Matrix room follow the room's desired state. */
export async function queueRoomSync(tx: StoreTx, roomId: string, now: number): Promise<void> {
  await tx.rooms.setSync(roomId, 'pending', null, now);
  await tx.outbox.enqueue({
    kind: jobKinds.roomSync,
    payload: { roomId },
    coalesceKey: roomSyncCoalesceKey(roomId),
  });
}

/**
 * Tells the room's members (and people whose membership just changed) that
 * their room list or this room changed; open rooms concern the whole tenant.
 */
async function notifyRoom(
  tx: StoreTx,
  tenantId: string,
  roomId: string,
  changedFor: string[],
  tenantWide: boolean,
): Promise<void> {
  const members = (await tx.rooms.members(roomId)).map((m) => m.personId);
  tx.notify({ type: 'rooms.changed', tenantId, roomId, personIds: [...new Set(changedFor)], tenantWide });
  tx.notify({ type: 'room.changed', tenantId, roomId, personIds: members });
}

function audit(
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  action: string,
  details?: Record<string, unknown>,
) {
  return auditEntry(ctx, {
    tenantId,
    action,
    targetType: 'room',
    targetId: roomId,
    outcome: 'success',
    ...(details ? { details } : {}),
  });
}

export async function createRoom(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  props: RoomProps,
): Promise<string> {
  await loadTenantFor(store, ctx, 'room.create', tenantId, true);
  const creator = ctx.actor.userId;
  if (!creator) throw invalid('Only a person of the tenant can create rooms');
  return store.transaction(async (tx) => {
    const id = randomUUID();
    const room = {
      name: props.name.trim(),
      topic: (props.topic ?? '').trim(),
      visibility: props.visibility ?? 'private',
    };
    await tx.rooms.insert({ id, tenantId, ...room }, ctx.now);
    await tx.rooms.putMember(id, creator, 'owner', ctx.now);
    await queueRoomSync(tx, id, ctx.now);
    await tx.audit.append(audit(ctx, tenantId, id, 'room.create', room));
    await notifyRoom(tx, tenantId, id, [creator], room.visibility === 'tenant');
    return id;
  });
}

export async function updateRoom(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  changes: Partial<RoomProps>,
): Promise<void> {
  const { room } = await loadRoomFor(store, ctx, 'room.update', tenantId, roomId, true);
  const next = {
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.topic !== undefined ? { topic: changes.topic.trim() } : {}),
    ...(changes.visibility !== undefined ? { visibility: changes.visibility } : {}),
  };
  await store.transaction(async (tx) => {
    await tx.rooms.update(roomId, next, ctx.now);
    await queueRoomSync(tx, roomId, ctx.now);
    const members = (await tx.rooms.members(roomId)).map((m) => m.personId);
    await notifyRoom(tx, tenantId, roomId, members, room.visibility === 'tenant' || next.visibility === 'tenant');
    await tx.audit.append(
      audit(ctx, tenantId, roomId, 'room.update', {
        before: { name: room.name, topic: room.topic, visibility: room.visibility },
        after: next,
      }),
    );
  });
}

export async function archiveRoom(store: Store, ctx: CommandContext, tenantId: string, roomId: string): Promise<void> {
  await loadRoomFor(store, ctx, 'room.archive', tenantId, roomId, true);
  await store.transaction(async (tx) => {
    await tx.rooms.archive(roomId, ctx.now);
    await queueRoomSync(tx, roomId, ctx.now);
    await notifyRoom(
      tx,
      tenantId,
      roomId,
      (await tx.rooms.members(roomId)).map((m) => m.personId),
      true,
    );
    await tx.audit.append(audit(ctx, tenantId, roomId, 'room.archive'));
  });
}

/** Making, changing or removing an owner needs more than managing members. */
function authorizeOwners(store: Store, ctx: CommandContext, loaded: LoadedRoom): Promise<void> {
  return authorize(store, ctx, 'room.manageOwners', roomResource(loaded.tenant, loaded.room, loaded.myRole), {
    targetType: 'room',
    targetId: loaded.room.id,
  });
}

async function ownersLeft(tx: StoreTx, roomId: string, without: string): Promise<number> {
  return (await tx.rooms.members(roomId)).filter((m) => m.role === 'owner' && m.personId !== without).length;
}

/** Adds a person of the same tenant, or changes their role; owners are made only by owners and tenant admins. */
export async function putRoomMember(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  personId: string,
  role: RoomRole,
): Promise<void> {
  const loaded = await loadRoomFor(store, ctx, 'room.manageMembers', tenantId, roomId, true);
  const person = await store.read.people.findById(personId);
  if (!person || person.tenantId !== tenantId) throw notFound('Person');
  if (person.status !== 'active') throw conflict('This person is deactivated');
  if (!roomRolesFor(person.role).includes(role))
    throw invalid('Guests of the tenant can only be guests of a room', { field: 'role' });
  const current = await store.read.rooms.memberRole(roomId, personId);
  if (role === 'owner' || current === 'owner') {
    await authorizeOwners(store, ctx, loaded);
  }
  if (current === role) return;
  await store.transaction(async (tx) => {
    if (current === 'owner' && (await ownersLeft(tx, roomId, personId)) === 0)
      throw conflict('A room needs at least one owner');
    await tx.rooms.putMember(roomId, personId, role, ctx.now);
    await queueRoomSync(tx, roomId, ctx.now);
    await notifyRoom(tx, tenantId, roomId, [personId], false);
    // A new member hears of it by e-mail too, unless they turned such notices off (ADR 0041).
    if (current === null && person.mailNotices) {
      await tx.outbox.enqueue({
        kind: jobKinds.mailNotice,
        payload: { personId, kind: 'room.added', roomId },
        dedupeKey: `mail:room-added:${roomId}:${personId}:${ctx.now}`,
      });
    }
    await tx.audit.append(
      audit(ctx, tenantId, roomId, current ? 'room.changeMemberRole' : 'room.addMember', {
        personId,
        from: current,
        to: role,
      }),
    );
  });
}

export async function removeRoomMember(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  personId: string,
): Promise<void> {
  const self = personId === ctx.actor.userId;
  const loaded = await loadRoomFor(store, ctx, self ? 'room.leave' : 'room.manageMembers', tenantId, roomId, true);
  const current = await store.read.rooms.memberRole(roomId, personId);
  if (!current) throw notFound('Member');
  if (current === 'owner' && !self) {
    await authorizeOwners(store, ctx, loaded);
  }
  await store.transaction(async (tx) => {
    if (current === 'owner' && (await ownersLeft(tx, roomId, personId)) === 0)
      throw conflict('A room needs at least one owner');
    await tx.rooms.removeMember(roomId, personId);
    await queueRoomSync(tx, roomId, ctx.now);
    await queueMeetingRemoval(tx, roomId, { identity: personId }, ctx.now);
    await notifyRoom(tx, tenantId, roomId, [personId], false);
    await tx.audit.append(
      audit(ctx, tenantId, roomId, self ? 'room.leave' : 'room.removeMember', { personId, role: current }),
    );
  });
}

export async function joinRoom(store: Store, ctx: CommandContext, tenantId: string, roomId: string): Promise<void> {
  await loadRoomFor(store, ctx, 'room.join', tenantId, roomId, true);
  const personId = ctx.actor.userId as string;
  await store.transaction(async (tx) => {
    await tx.rooms.putMember(roomId, personId, 'member', ctx.now);
    await queueRoomSync(tx, roomId, ctx.now);
    await notifyRoom(tx, tenantId, roomId, [personId], false);
    await tx.audit.append(audit(ctx, tenantId, roomId, 'room.join', { personId }));
  });
}

/**
 * A person's tenant role changed: every room role above what the new tenant
 * role allows is lowered (a guest of the tenant stays only a guest of each
 * room), in the caller's transaction, audited per room, and each such room
 * converges on Matrix through the outbox. A person who is the only owner of an
 * active room is refused (409 `last-owner`, naming the rooms): someone else
 * must own it first. A later promotion restores nothing.
 */
export async function lowerRoomRolesFor(
  tx: StoreTx,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  tenantRole: TenantRole,
): Promise<void> {
  const allowed = roomRolesFor(tenantRole);
  const lowered: { roomId: string; from: RoomRole; to: RoomRole }[] = [];
  const soleOwnerOf: { id: string; name: string }[] = [];
  for (const roomId of await tx.rooms.roomsOf(personId)) {
    const members = await tx.rooms.members(roomId);
    const from = members.find((m) => m.personId === personId)?.role;
    if (from === undefined || allowed.includes(from)) continue;
    const room = await tx.rooms.findById(roomId);
    if (!room) continue;
    const otherOwners = members.filter((m) => m.role === 'owner' && m.personId !== personId).length;
    // An archived room is read by nobody's power; it keeps its record without an owner.
    if (from === 'owner' && otherOwners === 0 && room.status === 'active')
      soleOwnerOf.push({ id: room.id, name: room.name });
    lowered.push({ roomId, from, to: 'guest' });
  }
  if (soleOwnerOf.length > 0) {
    throw new DomainError(
      'conflict',
      `This person is the only owner of ${soleOwnerOf.map((r) => `„${r.name}“`).join(', ')}: make someone else an owner first`,
      { code: 'last-owner', rooms: soleOwnerOf },
      'last-owner',
    );
  }
  for (const { roomId, from, to } of lowered) {
    await tx.rooms.putMember(roomId, personId, to, ctx.now);
    await queueRoomSync(tx, roomId, ctx.now);
    await notifyRoom(tx, tenantId, roomId, [personId], false);
    await tx.audit.append(
      audit(ctx, tenantId, roomId, 'room.changeMemberRole', {
        personId,
        from,
        to,
        reason: `tenant-role:${tenantRole}`,
      }),
    );
  }
}
