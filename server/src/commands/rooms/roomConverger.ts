import type { ChatRooms } from '../../domain/ports/chat.js';
import type { Store } from '../../domain/ports/store.js';
import { chatRoomRules, effectiveRoomRole, powerOf } from '../../domain/roomCapabilities.js';

export const roomKey = (roomId: string): string => `room_${roomId}`;

class NotYet extends Error {
  readonly retryable = true;
}

/** Differences between a room's desired state and its Matrix room. All empty: in step. */
export interface RoomDrift {
  missingMembers: string[];
  extraMembers: string[];
  powerLevels: { userId: string; want: number; have: number }[];
  name?: { want: string; have: string | undefined };
  topic?: { want: string; have: string | undefined };
  encryption?: { want: true; have: false };
  guestAccess?: { want: 'forbidden'; have: 'can_join' };
  /** The levels of the room's actions that differed from what the room roles allow (chatRoomRules). */
  roomRules?: string[];
}

export const hasDrift = (d: RoomDrift): boolean =>
  d.missingMembers.length + d.extraMembers.length + d.powerLevels.length > 0 ||
  d.name !== undefined ||
  d.topic !== undefined ||
  d.encryption !== undefined ||
  d.guestAccess !== undefined ||
  (d.roomRules?.length ?? 0) > 0;

/**
 * Makes a room's Matrix room follow the desired state: it exists (once), is
 * encrypted, closed to the homeserver's guest accounts, carries the name and topic, holds exactly the active members,
 * each has the power of their room role, and the levels of its actions are
 * those the room role table derives (only the workspace changes the room's
 * state, membership and power). Safe to repeat. Returns the drift it found (and repaired).
 */
export async function convergeRoom(
  deps: { store: Store; chat: ChatRooms; now: () => number },
  roomId: string,
): Promise<RoomDrift | undefined> {
  const { store, chat, now } = deps;
  const room = await store.read.rooms.findById(roomId);
  if (!room) return undefined;
  const tenantLinks = await store.read.tenants.links(room.tenantId);
  if (!tenantLinks?.matrixSpaceId) throw new NotYet('the tenant is not provisioned yet');

  let matrixRoomId = await store.read.rooms.matrixRoomId(roomId);
  if (!matrixRoomId) {
    matrixRoomId = await chat.ensureRoom({
      key: roomKey(roomId),
      name: room.name,
      topic: room.topic,
      encrypted: true,
      rules: chatRoomRules(),
    });
    await store.write.rooms.setMatrixRoomId(roomId, matrixRoomId, now());
  }

  // Desired: the active members with their power; an archived room keeps nobody.
  const desired = new Map<string, number>();
  if (room.status === 'active') {
    for (const member of await store.read.rooms.members(roomId)) {
      const person = await store.read.people.findById(member.personId);
      if (!person || person.status !== 'active') continue;
      const links = await store.read.people.links(person.id);
      if (!links?.matrixUserId) throw new NotYet(`${person.username} has no Matrix account yet`);
      desired.set(links.matrixUserId, powerOf[effectiveRoomRole(person.role, member.role)]);
    }
  }

  const state = await chat.getRoomState(matrixRoomId);
  const bot = chat.botUserId;
  const present = (userId: string) =>
    state.members.some((m) => m.userId === userId && (m.membership === 'join' || m.membership === 'invite'));
  const drift: RoomDrift = {
    missingMembers: [...desired.keys()].filter(
      (u) => !state.members.some((m) => m.userId === u && m.membership === 'join'),
    ),
    extraMembers: state.members
      .filter(
        (m) => (m.membership === 'join' || m.membership === 'invite') && m.userId !== bot && !desired.has(m.userId),
      )
      .map((m) => m.userId),
    powerLevels: [...desired.entries()]
      .filter(([u, want]) => (state.userPowerLevels[u] ?? 0) !== want)
      .map(([userId, want]) => ({ userId, want, have: state.userPowerLevels[userId] ?? 0 })),
    ...(state.name !== room.name ? { name: { want: room.name, have: state.name } } : {}),
    ...((state.topic ?? '') !== room.topic ? { topic: { want: room.topic, have: state.topic } } : {}),
    ...(!state.encrypted ? { encryption: { want: true as const, have: false as const } } : {}),
    ...(!state.guestsForbidden ? { guestAccess: { want: 'forbidden' as const, have: 'can_join' as const } } : {}),
  };

  if (drift.encryption) await chat.ensureEncrypted(matrixRoomId);
  if (drift.guestAccess) await chat.forbidGuests(matrixRoomId);
  if (drift.name || drift.topic) await chat.setRoomDetails(matrixRoomId, { name: room.name, topic: room.topic });
  for (const userId of drift.extraMembers) await chat.kick(matrixRoomId, userId, 'not a member of this room');
  for (const userId of drift.missingMembers) {
    if (!present(userId)) await chat.invite(matrixRoomId, userId);
    await chat.join(matrixRoomId, userId);
  }
  // Power follows the role; someone removed loses any raised power.
  const levels: Record<string, number> = Object.fromEntries(drift.powerLevels.map((p) => [p.userId, p.want]));
  for (const [userId, level] of Object.entries(state.userPowerLevels)) {
    if (userId !== bot && !desired.has(userId) && level !== 0) {
      levels[userId] = 0;
      if (!drift.powerLevels.some((p) => p.userId === userId)) drift.powerLevels.push({ userId, want: 0, have: level });
    }
  }
  if (Object.keys(levels).length > 0) await chat.setUserPowerLevels(matrixRoomId, levels);
  const rules = await chat.ensureRoomRules(matrixRoomId, chatRoomRules());
  if (rules.length > 0) drift.roomRules = rules;
  return drift;
}
