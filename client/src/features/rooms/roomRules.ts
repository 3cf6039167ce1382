import {
  type Abilities,
  can,
  type Room,
  type RoomMember,
  type RoomRole,
  roomRoles,
  type TenantRole,
} from '@arbeitsbereich/contract';
import type { RealtimeSignal } from '../../lib/realtime/events';

/*
 * Which controls the room screens show, read from the server's abilities only:
 * the client decides nothing the server has not already allowed.
 */

/** Translation key of a room role: Inhaber*in, Moderator*in, Mitglied, Gast. */
export const roomRoleKey = (role: RoomRole): string => `rooms.roles.${role}`;

/** Owners first, guests last. */
export function roleRank(role: RoomRole): number {
  return roomRoles.indexOf(role);
}

/** Members by role (owners first), then by name. */
export function sortMembers(members: readonly RoomMember[], locale: string): RoomMember[] {
  return [...members].sort(
    (a, b) => roleRank(a.role) - roleRank(b.role) || a.displayName.localeCompare(b.displayName, locale),
  );
}

/** The rooms the person belongs to, active ones first, each group by name. */
export function myRooms(rooms: readonly Room[], locale = 'de'): Room[] {
  return rooms
    .filter((room) => room.myRole !== null)
    .sort(
      (a, b) =>
        Number(a.status === 'archived') - Number(b.status === 'archived') || a.name.localeCompare(b.name, locale),
    );
}

/** Whether a live update may change the room list of `tenantId`. */
export function concernsTenant(signal: RealtimeSignal, tenantId: string): boolean {
  return signal.type === 'reconnected' || signal.tenantId === tenantId;
}

/** Whether a live update may change one room. */
export function concernsRoom(signal: RealtimeSignal, tenantId: string, roomId: string): boolean {
  if (signal.type === 'reconnected') return true;
  return signal.tenantId === tenantId && (signal.roomId === undefined || signal.roomId === roomId);
}

export interface RoomActions {
  /** Rename, change the topic and the visibility. */
  edit: boolean;
  /** Add members, change and remove those who are not owners. */
  manageMembers: boolean;
  archive: boolean;
  join: boolean;
}

export function roomActions(abilities: Abilities): RoomActions {
  return {
    edit: can(abilities, 'room.update'),
    manageMembers: can(abilities, 'room.manageMembers'),
    archive: can(abilities, 'room.archive'),
    join: can(abilities, 'room.join'),
  };
}

/**
 * The roles to offer when adding a person, as the server says for their tenant role (a guest of
 * the tenant only the guest role); none until a person is chosen.
 */
export function newMemberRoles(room: Room, tenantRole: TenantRole | undefined): RoomRole[] {
  return tenantRole === undefined ? [] : [...room.newMemberRoles[tenantRole]];
}

/** The role to preselect among those offered: member if it is one, else the first. */
export function defaultRole(roles: readonly RoomRole[]): RoomRole | undefined {
  return roles.includes('member') ? 'member' : roles[0];
}

export interface MemberControls {
  /** Roles to choose from for this member; empty: the role is shown, not changed. */
  roles: RoomRole[];
  remove: boolean;
}

/**
 * What may be done to one member: the roles are those the server offers for them (it knows
 * their tenant role and the last-owner rule); one that would change nothing is shown, not
 * offered. Removing needs `room.manageMembers`, an owner `room.manageOwners` as well. One's own
 * membership is left, not removed, so it has no remove button here.
 */
export function memberControls(abilities: Abilities, member: RoomMember, me: string | null): MemberControls {
  const offered = member.assignableRoles;
  const roles = offered.some((role) => role !== member.role)
    ? roomRoles.filter((role) => role === member.role || offered.includes(role))
    : [];
  const mayTouch =
    can(abilities, 'room.manageMembers') && (member.role !== 'owner' || can(abilities, 'room.manageOwners'));
  return { roles, remove: mayTouch && member.personId !== me };
}

export interface UnreadBadgeText {
  /** What the badge shows: the count, or "99+". */
  shown: string;
  /** Translation key of its spoken form ("3 ungelesene Nachrichten"), with `count`. */
  labelKey: string;
  count: number;
}

/** The badge for a room's unread messages; none when there are none. */
export function unreadBadge(unread: { count: number; highlight: boolean } | undefined): UnreadBadgeText | undefined {
  if (!unread || unread.count <= 0) return undefined;
  return {
    shown: unread.count > 99 ? '99+' : String(unread.count),
    labelKey: unread.highlight ? 'rooms.list.unreadHighlight' : 'rooms.list.unread',
    count: unread.count,
  };
}
