import { type Room, type RoomMember, type RoomRole } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import {
  concernsRoom,
  defaultRole,
  concernsTenant,
  memberControls,
  myRooms,
  newMemberRoles,
  roleRank,
  roomActions,
  sortMembers,
  unreadBadge,
} from './roomRules';

const member = (
  personId: string,
  role: RoomRole,
  displayName = personId,
  assignableRoles: RoomRole[] = [],
): RoomMember => ({
  personId,
  displayName,
  username: personId,
  role,
  personStatus: 'active',
  assignableRoles,
});

const room = (id: string, name: string, myRole: RoomRole | null, status: Room['status'] = 'active'): Room => ({
  id,
  tenantId: 't1',
  name,
  topic: '',
  visibility: 'private',
  encrypted: true,
  status,
  sync: { state: 'done', error: null },
  matrixRoomId: null,
  myRole,
  createdAt: '2026-01-01T00:00:00.000Z',
  abilities: {},
  newMemberRoles: { 'tenant-admin': [], member: [], guest: [] },
});

const moderator = { 'room.read': true, 'room.update': true, 'room.manageMembers': true };
const owner = { ...moderator, 'room.manageOwners': true, 'room.archive': true };

describe('room roles', () => {
  it('orders owners first and guests last, then by name', () => {
    expect(
      ['guest', 'owner', 'member', 'moderator'].sort((a, b) => roleRank(a as RoomRole) - roleRank(b as RoomRole)),
    ).toEqual(['owner', 'moderator', 'member', 'guest']);
    const sorted = sortMembers(
      [
        member('c', 'member', 'Zoe'),
        member('a', 'guest', 'Anna'),
        member('b', 'owner', 'Ben'),
        member('d', 'member', 'Ada'),
      ],
      'de',
    );
    expect(sorted.map((m) => m.displayName)).toEqual(['Ben', 'Ada', 'Zoe', 'Anna']);
  });
});

describe('which controls show', () => {
  it('shows nothing to change without abilities', () => {
    expect(roomActions({ 'room.read': true })).toEqual({
      edit: false,
      manageMembers: false,
      archive: false,
      join: false,
    });
    expect(memberControls({ 'room.read': true }, member('p', 'member'), 'me')).toEqual({ roles: [], remove: false });
  });

  it('offers the roles the server offers for the member, in rank order', () => {
    expect(memberControls(moderator, member('p', 'member', 'p', ['guest', 'member', 'moderator']), 'me')).toEqual({
      roles: ['moderator', 'member', 'guest'],
      remove: true,
    });
    expect(memberControls(moderator, member('o', 'owner'), 'me')).toEqual({ roles: [], remove: false });
    expect(roomActions(owner)).toEqual({ edit: true, manageMembers: true, archive: true, join: false });
    expect(memberControls(owner, member('o', 'owner', 'o', ['owner', 'moderator', 'member', 'guest']), 'me')).toEqual({
      roles: ['owner', 'moderator', 'member', 'guest'],
      remove: true,
    });
  });

  it('shows a role as it is when the only offer is to keep it (a guest of the tenant, the last owner)', () => {
    expect(memberControls(owner, member('g', 'guest', 'g', ['guest']), 'me')).toEqual({ roles: [], remove: true });
    // A row from before the tenant role changed: the current role stays visible beside the one offered.
    expect(memberControls(owner, member('g', 'member', 'g', ['guest']), 'me').roles).toEqual(['member', 'guest']);
  });

  it('offers a new member the roles the server names for their tenant role', () => {
    const r = {
      ...room('1', 'Raum', 'moderator'),
      newMemberRoles: {
        'tenant-admin': ['moderator', 'member', 'guest'],
        member: ['moderator', 'member', 'guest'],
        guest: ['guest'],
      },
    } satisfies Room;
    expect(newMemberRoles(r, undefined)).toEqual([]);
    expect(newMemberRoles(r, 'guest')).toEqual(['guest']);
    expect(newMemberRoles(r, 'member')).toEqual(['moderator', 'member', 'guest']);
    expect(defaultRole(['moderator', 'member', 'guest'])).toBe('member');
    expect(defaultRole(['guest'])).toBe('guest');
    expect(defaultRole([])).toBeUndefined();
  });

  it('never offers to remove oneself', () => {
    expect(memberControls(owner, member('me', 'owner'), 'me').remove).toBe(false);
  });

  it('offers joining only when the server allows it', () => {
    expect(roomActions({ 'room.read': true, 'room.join': true }).join).toBe(true);
  });
});

describe('my rooms and live updates', () => {
  it('keeps the rooms the person belongs to, active first, by name', () => {
    const rooms = [
      room('1', 'Zentrale', 'member'),
      room('2', 'Offen', null),
      room('3', 'Alt', 'owner', 'archived'),
      room('4', 'Ämter', 'guest'),
    ];
    expect(myRooms(rooms).map((r) => r.name)).toEqual(['Ämter', 'Zentrale', 'Alt']);
  });

  it('reloads on events of the own tenant and room, and after a reconnect', () => {
    expect(concernsTenant({ type: 'rooms.changed', tenantId: 't1' }, 't1')).toBe(true);
    expect(concernsTenant({ type: 'rooms.changed', tenantId: 't2' }, 't1')).toBe(false);
    expect(concernsTenant({ type: 'reconnected' }, 't1')).toBe(true);
    expect(concernsRoom({ type: 'room.changed', tenantId: 't1', roomId: 'r1' }, 't1', 'r1')).toBe(true);
    expect(concernsRoom({ type: 'room.changed', tenantId: 't1', roomId: 'r2' }, 't1', 'r1')).toBe(false);
    expect(concernsRoom({ type: 'rooms.changed', tenantId: 't1' }, 't1', 'r1')).toBe(true);
    expect(concernsRoom({ type: 'reconnected' }, 't1', 'r1')).toBe(true);
  });
});

describe('unread badge', () => {
  it('shows the count, capped, and says it in words', () => {
    expect(unreadBadge(undefined)).toBeUndefined();
    expect(unreadBadge({ count: 0, highlight: true })).toBeUndefined();
    expect(unreadBadge({ count: 3, highlight: false })).toEqual({
      shown: '3',
      labelKey: 'rooms.list.unread',
      count: 3,
    });
    expect(unreadBadge({ count: 120, highlight: true })).toEqual({
      shown: '99+',
      labelKey: 'rooms.list.unreadHighlight',
      count: 120,
    });
  });
});
