import { describe, expect, it } from 'vitest';
import { roomRoles, type RoomRole } from './room.js';
import {
  assignableRoomRoles,
  chatRoomRules,
  effectiveRoomRole,
  powerOf,
  roleMay,
  roomAbilities,
  roomRolesFor,
} from './roomCapabilities.js';

// The meaning of each room role, written out once more by hand as one table:
// a change of any row (an ability, the power level, the meeting moderator)
// fails here. Columns: owner, moderator, member, guest.
const Y = true;
const N = false;
const expected: [string, boolean | number, boolean | number, boolean | number, boolean | number][] = [
  ['power', 100, 50, 0, -1],
  ['meeting moderator', Y, Y, N, N],
  ['room.update', Y, Y, N, N],
  ['room.manageMembers', Y, Y, N, N],
  ['room.manageOwners', Y, N, N, N],
  ['room.archive', Y, N, N, N],
  ['chat.post', Y, Y, Y, N],
  ['chat.removeMessages', Y, Y, N, N],
  ['chat.notifyEveryone', Y, Y, N, N],
  ['document.read', Y, Y, Y, Y],
  ['document.write', Y, Y, Y, N],
  ['document.purge', Y, Y, N, N],
  ['meeting.join', Y, Y, Y, Y],
  ['meeting.publish', Y, Y, Y, N],
  ['meeting.moderate', Y, Y, N, N],
  ['meeting.schedule', Y, Y, N, N],
  ['guestLink.manage', Y, Y, N, N],
];

describe('the room role table', () => {
  it('gives each role exactly its abilities, power level and meeting moderation', () => {
    expect(roomRoles).toEqual(['owner', 'moderator', 'member', 'guest']);
    const column = (role: RoomRole): (boolean | number)[] => [
      powerOf[role],
      roleMay(role, 'meeting.moderate'),
      ...roomAbilities.map((ability) => roleMay(role, ability)),
    ];
    const table = ['power', 'meeting moderator', ...roomAbilities].map((row, i) => [
      row,
      ...roomRoles.map((role) => column(role)[i]),
    ]);
    expect(table).toEqual(expected);
  });

  it('grants nothing to someone without a room role', () => {
    for (const ability of roomAbilities) expect(roleMay(null, ability)).toBe(false);
  });

  it('derives the chat room power levels: the workspace alone above every role', () => {
    expect(chatRoomRules()).toEqual({
      defaultLevel: 0,
      post: 0,
      removeOthers: 50,
      notifyEveryone: 50,
      workspaceOnly: 150,
    });
    const rules = chatRoomRules();
    for (const role of roomRoles) {
      expect(powerOf[role] < rules.workspaceOnly).toBe(true);
      expect(powerOf[role] >= rules.post).toBe(roleMay(role, 'chat.post'));
      expect(powerOf[role] >= rules.removeOthers).toBe(roleMay(role, 'chat.removeMessages'));
    }
  });
});

describe('room roles by tenant role', () => {
  it('lets a guest of the tenant hold only the guest role of a room', () => {
    expect(roomRolesFor('guest')).toEqual(['guest']);
    for (const role of roomRoles) expect(effectiveRoomRole('guest', role)).toBe('guest');
  });

  it('leaves members and tenant admins every room role', () => {
    for (const tenantRole of ['member', 'tenant-admin'] as const) {
      expect(roomRolesFor(tenantRole)).toEqual(roomRoles);
      for (const role of roomRoles) expect(effectiveRoomRole(tenantRole, role)).toBe(role);
    }
  });
});

describe('roles the viewer may assign', () => {
  const owner = { manageMembers: true, manageOwners: true };
  const moderator = { manageMembers: true, manageOwners: false };
  const reader = { manageMembers: false, manageOwners: false };
  // [viewer, tenant role, current room role, other owners, roles offered]
  const table: [typeof owner, 'tenant-admin' | 'member' | 'guest', RoomRole | null, number, RoomRole[]][] = [
    [reader, 'member', 'member', 1, []],
    [owner, 'member', null, 1, ['owner', 'moderator', 'member', 'guest']],
    [owner, 'guest', null, 1, ['guest']],
    [owner, 'guest', 'guest', 1, ['guest']],
    [moderator, 'member', 'member', 1, ['moderator', 'member', 'guest']],
    [moderator, 'tenant-admin', null, 1, ['moderator', 'member', 'guest']],
    [moderator, 'guest', null, 1, ['guest']],
    // An owner is changed only by those who manage owners, and the last owner stays.
    [moderator, 'member', 'owner', 1, []],
    [owner, 'member', 'owner', 1, ['owner', 'moderator', 'member', 'guest']],
    [owner, 'member', 'owner', 0, []],
  ];
  it.each(table)('%o offers a %s (now %s, %i other owners) %j', (viewer, tenantRole, current, otherOwners, roles) => {
    expect(assignableRoomRoles({ ...viewer, tenantRole, current, otherOwners })).toEqual(roles);
  });
});
