import type { TenantRole } from './actor.js';
import type { ChatRoomRules } from './ports/chat.js';
import { roomRoles, type RoomRole } from './room.js';

/**
 * What each room role means, in one table: what the workspace lets its holder
 * do in the room, and the power it holds in the room's chat. The policy, the
 * chat room's power levels, the meeting's moderator flag and the roles the
 * client offers are all read from here.
 */

/** What a room role may do, named like the policy's actions where the policy has one. */
export const roomAbilities = [
  /** Rename the room, change its topic and visibility. */
  'room.update',
  /** Add members, change and remove those who are not owners. */
  'room.manageMembers',
  /** Make, change and remove owners. */
  'room.manageOwners',
  'room.archive',
  /** Write messages and reactions in the chat, and remove one's own. */
  'chat.post',
  /** Remove others' messages from the chat. */
  'chat.removeMessages',
  /** Notify the whole room at once (@room). */
  'chat.notifyEveryone',
  'document.read',
  'document.write',
  /** Empty the documents' trash. */
  'document.purge',
  'meeting.join',
  /** Send camera, microphone and screen in the room's meeting (the others watch and listen). */
  'meeting.publish',
  /** Moderate the room's meeting: the meeting token's moderator flag. */
  'meeting.moderate',
  /** Plan meetings in the room, change and cancel them (ADR 0052). */
  'meeting.schedule',
  /** Make and revoke guest links to the room's meeting. */
  'guestLink.manage',
] as const;
export type RoomAbility = (typeof roomAbilities)[number];

export interface RoomRoleCapabilities {
  abilities: readonly RoomAbility[];
  /** The role's power level in the room's chat (Matrix). */
  power: number;
}

/**
 * The table. Every role reads the room, its documents and joins its meeting;
 * guests do nothing more (their power is below what posting needs).
 */
export const roomRoleTable: Readonly<Record<RoomRole, RoomRoleCapabilities>> = {
  owner: { power: 100, abilities: roomAbilities },
  // Everything but owners and archiving.
  moderator: {
    power: 50,
    abilities: roomAbilities.filter((ability) => ability !== 'room.manageOwners' && ability !== 'room.archive'),
  },
  member: { power: 0, abilities: ['chat.post', 'document.read', 'document.write', 'meeting.join', 'meeting.publish'] },
  guest: { power: -1, abilities: ['document.read', 'meeting.join'] },
};

/** The room roles a person of each tenant role may hold: a guest of the tenant only the guest role (ADR 0024). */
export const roomRolesByTenantRole: Readonly<Record<TenantRole, readonly RoomRole[]>> = {
  'tenant-admin': roomRoles,
  member: roomRoles,
  guest: ['guest'],
};

/** Whether a room role grants the ability; no role (not a member) grants nothing. */
export function roleMay(role: RoomRole | null, ability: RoomAbility): boolean {
  return role !== null && roomRoleTable[role].abilities.includes(ability);
}

/** The chat power level of each room role. */
export const powerOf: Readonly<Record<RoomRole, number>> = Object.fromEntries(
  roomRoles.map((role) => [role, roomRoleTable[role].power]),
) as Record<RoomRole, number>;

/** The room roles a person of this tenant role may hold. */
export function roomRolesFor(tenantRole: TenantRole): readonly RoomRole[] {
  return roomRolesByTenantRole[tenantRole];
}

/**
 * The role a member holds in effect: their room role, lowered to what their
 * tenant role allows. Rooms store the lowered role when a person becomes a
 * guest of the tenant; this keeps a row written before that rule from lending
 * power (chat power levels, the policy) to a tenant guest.
 */
export function effectiveRoomRole(tenantRole: TenantRole, role: RoomRole): RoomRole {
  return roomRolesFor(tenantRole).includes(role) ? role : 'guest';
}

/**
 * The power that only the workspace holds in a chat room (its service account
 * has more): above every room role, so changing the room's settings, its
 * membership and its power levels is left to the workspace, which does it
 * for those whose role allows it, through its own API.
 */
export const WORKSPACE_POWER = 150;

/**
 * The lowest power that grants an ability: every role with the ability holds
 * at least it and every role without holds less. A table where no single
 * level separates them cannot be expressed in chat power levels and throws;
 * an ability no role has needs the workspace's power.
 */
export function chatLevelOf(ability: RoomAbility): number {
  const holders = roomRoles.filter((role) => roleMay(role, ability)).map((role) => powerOf[role]);
  if (holders.length === 0) return WORKSPACE_POWER;
  const level = Math.min(...holders);
  const clash = roomRoles.find((role) => !roleMay(role, ability) && powerOf[role] >= level);
  if (clash !== undefined) {
    throw new Error(`room role ${clash} holds the power of ${ability} (${level}) but not the ability`);
  }
  return level;
}

/** The chat room's power levels, derived from the table. */
export function chatRoomRules(): ChatRoomRules {
  return {
    defaultLevel: powerOf.member,
    post: chatLevelOf('chat.post'),
    removeOthers: chatLevelOf('chat.removeMessages'),
    notifyEveryone: chatLevelOf('chat.notifyEveryone'),
    workspaceOnly: WORKSPACE_POWER,
  };
}

/** What the viewer may do about one person's room role. */
export interface RoleChoice {
  /** May the viewer manage members of this room at all (`room.manageMembers`)? */
  manageMembers: boolean;
  /** May the viewer make, change and remove owners (`room.manageOwners`)? */
  manageOwners: boolean;
  /** The person's tenant role. */
  tenantRole: TenantRole;
  /** Their current room role, or null if they are not a member yet. */
  current: RoomRole | null;
  /** The room's owners other than this person. */
  otherOwners: number;
}

/**
 * The room roles the viewer may give the person: none without managing
 * members; only what the person's tenant role allows; owner (to give or to
 * take) only with managing owners; and the last owner stays owner. An empty
 * list, or one with just the current role, offers no change.
 */
export function assignableRoomRoles(choice: RoleChoice): RoomRole[] {
  if (!choice.manageMembers) return [];
  if (choice.current === 'owner' && (!choice.manageOwners || choice.otherOwners === 0)) return [];
  return roomRolesFor(choice.tenantRole).filter((role) => role !== 'owner' || choice.manageOwners);
}
