import { conflict } from '../../domain/errors.js';
import type { TenantPolicy } from '../../domain/meeting.js';
import { abilities, type MeetingAction } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import type { Room, RoomRole } from '../../domain/room.js';
import type { Tenant } from '../../domain/tenant.js';
import { authorize, type CommandContext } from '../context.js';
import { loadRoomFor } from '../rooms/loadRoom.js';

export interface LoadedMeeting {
  tenant: Tenant;
  room: Room;
  myRole: RoomRole | null;
  policy: TenantPolicy;
  archived: boolean;
}

export function meetingResource(m: LoadedMeeting) {
  return {
    type: 'meeting' as const,
    tenantId: m.room.tenantId,
    roomId: m.room.id,
    archived: m.archived,
    memberRole: m.myRole,
    meetingsEnabled: m.policy.meetings,
    guestsEnabled: m.policy.guests,
  };
}

export function meetingAbilities(ctx: CommandContext, m: LoadedMeeting): Record<string, boolean> {
  return abilities(ctx.actor, meetingResource(m));
}

/** The meeting of a room the caller may see; a room they may not see is "not found". */
export async function loadMeeting(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<LoadedMeeting> {
  const { tenant, room, myRole } = await loadRoomFor(store, ctx, 'room.read', tenantId, roomId, false);
  const policy = await store.read.meetings.policy(tenantId);
  return { tenant, room, myRole, policy, archived: room.status === 'archived' || tenant.status === 'archived' };
}

/**
 * Checks a meeting action in two steps, so each refusal says what it is: the
 * caller's role in the room (403, audited for writes), then the state of the
 * room and the tenant's policy (409).
 */
export async function authorizeMeeting(
  store: Store,
  ctx: CommandContext,
  action: MeetingAction,
  m: LoadedMeeting,
  auditDenied: boolean,
): Promise<void> {
  const asIfOpen = { ...meetingResource(m), archived: false, meetingsEnabled: true, guestsEnabled: true };
  await authorize(store, ctx, action, asIfOpen, auditDenied ? { targetType: 'room', targetId: m.room.id } : undefined);
  if (m.archived) throw conflict('Der Raum ist archiviert: Besprechungen finden darin nicht mehr statt.');
  if (!m.policy.meetings) throw conflict('Besprechungen sind für diese Behörde abgeschaltet.');
  if (action === 'guestLink.manage' && !m.policy.guests) {
    throw conflict('Gastzugänge sind für diese Behörde abgeschaltet.');
  }
}
