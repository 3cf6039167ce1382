import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import type { RoomRole, RoomVisibility } from '../room.js';
import { abilities, actionsByResource, allow, type Resource } from './policy.js';

// The whole permission model as one table: for each kind of actor, exactly
// which action on which resource is allowed. Everything not listed is denied.
const base: Omit<Actor, 'userId' | 'tenantId' | 'tenantRole' | 'platformAdmin'> = {
  subject: 's',
  username: 'u',
  displayName: 'U',
};
const actors: Record<string, Actor> = {
  guest: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'guest', platformAdmin: false },
  member: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'member', platformAdmin: false },
  tenantAdmin: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'tenant-admin', platformAdmin: false },
  otherTenantAdmin: { ...base, userId: 'other', tenantId: 'B', tenantRole: 'tenant-admin', platformAdmin: false },
  platformAdmin: { ...base, userId: null, tenantId: null, tenantRole: null, platformAdmin: true },
  unprovisioned: { ...base, userId: null, tenantId: null, tenantRole: null, platformAdmin: false },
};
const resources: Record<string, Resource> = {
  platform: { type: 'platform' },
  ownTenant: { type: 'tenant', tenantId: 'A', archived: false },
  archivedTenant: { type: 'tenant', tenantId: 'A', archived: true },
  self: { type: 'person', tenantId: 'A', personId: 'me', archived: false },
  colleague: { type: 'person', tenantId: 'A', personId: 'colleague', archived: false },
  colleagueInArchived: { type: 'person', tenantId: 'A', personId: 'colleague', archived: true },
  // A person of tenant A whose sign-in account is a platform admin's.
  platformColleague: { type: 'person', tenantId: 'A', personId: 'paula', archived: false, platformAdmin: true },
  // Tenant guests of A (ADR 0050): one the actor sponsors, one a colleague sponsors.
  guestOfMine: { type: 'person', tenantId: 'A', personId: 'g1', archived: false, sponsorId: 'me' },
  guestOfColleague: { type: 'person', tenantId: 'A', personId: 'g2', archived: false, sponsorId: 'colleague' },
};
const guestsManaged = (...actions: string[]) =>
  actions.flatMap((action) => [`${action}@guestOfMine`, `${action}@guestOfColleague`]);

const expected: Record<string, string[]> = {
  guest: [
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'person.read@self',
    'person.removeChatDevice@self',
    'person.bindChatDevice@self',
    'person.updateMailNotices@self',
    'person.export@self',
    'room.list@ownTenant',
    'room.list@archivedTenant',
  ],
  // A member reads the directory, and extends the stay of the guests they sponsor, no one else's.
  member: [
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.read@self',
    'person.removeChatDevice@self',
    'person.bindChatDevice@self',
    'person.updateMailNotices@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
    'person.read@platformColleague',
    ...guestsManaged('person.read'),
    'person.extendGuest@guestOfMine',
    'person.export@self',
    'room.list@ownTenant',
    'room.list@archivedTenant',
    'room.create@ownTenant',
  ],
  tenantAdmin: [
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.create@ownTenant',
    'person.import@ownTenant',
    'audit.read@ownTenant',
    'audit.read@archivedTenant',
    'person.read@self',
    'person.removeChatDevice@self',
    'person.bindChatDevice@self',
    'person.updateMailNotices@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
    'person.read@platformColleague',
    'person.changeRole@colleague',
    'person.deactivate@colleague',
    'person.reactivate@colleague',
    'person.invite@colleague',
    ...guestsManaged('person.read', 'person.changeRole', 'person.deactivate', 'person.reactivate', 'person.invite'),
    ...guestsManaged('person.extendGuest'),
    // Export (ADR 0053): their own data and that of their tenant's people; erasure: anyone's but their own.
    'person.export@self',
    'person.export@colleague',
    'person.export@colleagueInArchived',
    ...guestsManaged('person.export'),
    'person.erase@colleague',
    ...guestsManaged('person.erase'),
    'erasure.read@ownTenant',
    'erasure.read@archivedTenant',
    'room.list@ownTenant',
    'room.list@archivedTenant',
    'room.create@ownTenant',
    'tenant.readPolicy@ownTenant',
    'tenant.readPolicy@archivedTenant',
    'tenant.updatePolicy@ownTenant',
  ],
  // Tenant A's objects are foreign to B's admin: nothing at all.
  otherTenantAdmin: [],
  platformAdmin: [
    'tenant.list@platform',
    'tenant.create@platform',
    'audit.readAll@platform',
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'tenant.archive@ownTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.create@ownTenant',
    'person.import@ownTenant',
    'audit.read@ownTenant',
    'audit.read@archivedTenant',
    'person.read@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
    'person.read@platformColleague',
    'person.changeRole@self',
    'person.changeRole@colleague',
    'person.deactivate@self',
    'person.deactivate@colleague',
    'person.reactivate@self',
    'person.invite@self',
    'person.reactivate@colleague',
    'person.invite@colleague',
    'person.changeRole@platformColleague',
    'person.deactivate@platformColleague',
    'person.reactivate@platformColleague',
    'person.invite@platformColleague',
    ...guestsManaged('person.read', 'person.changeRole', 'person.deactivate', 'person.reactivate', 'person.invite'),
    ...guestsManaged('person.extendGuest'),
    // A platform admin exports anyone's data; erasure is the tenant admin's alone (ADR 0053).
    'person.export@self',
    'person.export@colleague',
    'person.export@colleagueInArchived',
    'person.export@platformColleague',
    ...guestsManaged('person.export'),
    'room.list@ownTenant',
    'room.list@archivedTenant',
    'tenant.readPolicy@ownTenant',
    'tenant.readPolicy@archivedTenant',
    'tenant.updatePolicy@ownTenant',
  ],
  unprovisioned: [],
};

function allowedSet(actor: Actor | undefined): string[] {
  const out: string[] = [];
  for (const [name, resource] of Object.entries(resources)) {
    for (const action of actionsByResource[resource.type]) {
      if (allow(actor, action, resource)) out.push(`${action}@${name}`);
    }
  }
  return out.sort();
}

describe('authorization policy', () => {
  it.each(Object.keys(actors))('allows %s exactly the expected set', (kind) => {
    expect(allowedSet(actors[kind])).toEqual([...expected[kind]!].sort());
  });

  it('allows nothing to an anonymous caller', () => {
    expect(allowedSet(undefined)).toEqual([]);
  });

  it('denies an action asked of the wrong kind of resource', () => {
    expect(allow(actors.platformAdmin, 'person.deactivate', resources.ownTenant!)).toBe(false);
  });

  it('reports abilities per resource for the client', () => {
    expect(abilities(actors.tenantAdmin, resources.colleague!)).toEqual({
      'person.read': true,
      'person.changeRole': true,
      'person.deactivate': true,
      'person.reactivate': true,
      'person.invite': true,
      'person.extendGuest': false,
      'person.updateMailNotices': false,
      'person.removeChatDevice': false,
      'person.bindChatDevice': false,
      'person.export': true,
      'person.erase': true,
    });
    expect(abilities(actors.tenantAdmin, resources.self!)).toMatchObject({ 'person.deactivate': false });
  });
});

describe('room policy', () => {
  const room = (memberRole: RoomRole | null, visibility: RoomVisibility = 'private', archived = false): Resource => ({
    type: 'room',
    tenantId: 'A',
    roomId: 'r',
    archived,
    visibility,
    memberRole,
  });
  const documents = ['document.read', 'document.write', 'document.purge'];
  const chat = ['chat.post', 'chat.removeMessages'];
  const adminOfRoom = [
    'room.read',
    'room.update',
    'room.manageMembers',
    'room.manageOwners',
    'room.archive',
    'room.reconcile',
  ];
  // [actor, room (the actor's role in it, visibility, archived), allowed actions]
  const table: [string, Resource, string[]][] = [
    ['member', room(null, 'tenant'), ['room.read', 'room.join']],
    ['member', room(null, 'private'), []],
    ['guest', room(null, 'tenant'), []],
    ['guest', room('guest'), ['room.read', 'room.leave', 'document.read']],
    ['member', room('member'), ['room.read', 'room.leave', 'chat.post', 'document.read', 'document.write']],
    [
      'member',
      room('moderator'),
      ['room.read', 'room.leave', 'room.update', 'room.manageMembers', ...chat, ...documents],
    ],
    [
      'member',
      room('owner'),
      [
        'room.read',
        'room.leave',
        'room.update',
        'room.manageMembers',
        'room.manageOwners',
        'room.archive',
        ...chat,
        ...documents,
      ],
    ],
    // An archived room's documents are kept to read, no longer changed.
    ['member', room('owner', 'private', true), ['room.read', 'room.leave', 'document.read']],
    // A tenant admin reads a room's documents only as a member of it.
    [
      'tenantAdmin',
      room('member', 'private'),
      [...adminOfRoom, 'room.leave', 'chat.post', 'document.read', 'document.write'],
    ],
    ['tenantAdmin', room(null, 'private'), adminOfRoom],
    ['otherTenantAdmin', room(null, 'tenant'), []],
    ['platformAdmin', room(null, 'private'), ['room.read', 'room.reconcile']],
  ];
  it.each(table)('%s on %o may exactly %j', (kind, resource, allowed) => {
    const got = actionsByResource.room.filter((action) => allow(actors[kind], action, resource));
    expect(got.sort()).toEqual([...allowed].sort());
  });
});

describe('meeting policy', () => {
  const meeting = (
    memberRole: RoomRole | null,
    {
      archived = false,
      meetings = true,
      guests = true,
    }: { archived?: boolean; meetings?: boolean; guests?: boolean } = {},
  ): Resource => ({
    type: 'meeting',
    tenantId: 'A',
    roomId: 'r',
    archived,
    memberRole,
    meetingsEnabled: meetings,
    guestsEnabled: guests,
  });
  const moderates = ['meeting.join', 'meeting.moderate', 'meeting.schedule', 'guestLink.manage'];
  // [actor, meeting (the actor's role in its room, archived, tenant policy), allowed actions]
  const table: [string, Resource, string[]][] = [
    ['guest', meeting('guest'), ['meeting.join']],
    ['guest', meeting(null), []],
    ['member', meeting(null), []],
    ['member', meeting('member'), ['meeting.join']],
    ['member', meeting('moderator'), moderates],
    ['member', meeting('owner'), moderates],
    ['member', meeting('owner', { archived: true }), []],
    ['member', meeting('owner', { meetings: false }), []],
    ['member', meeting('owner', { guests: false }), ['meeting.join', 'meeting.moderate', 'meeting.schedule']],
    ['member', meeting('member', { guests: false }), ['meeting.join']],
    // Tenant admins manage guest links of every room, but join only the meetings of their own rooms.
    ['tenantAdmin', meeting(null), ['guestLink.manage']],
    ['tenantAdmin', meeting('member'), ['meeting.join', 'guestLink.manage']],
    ['tenantAdmin', meeting(null, { guests: false }), []],
    ['otherTenantAdmin', meeting(null), []],
    ['otherTenantAdmin', meeting('owner'), []],
    ['platformAdmin', meeting(null), []],
    ['unprovisioned', meeting('owner'), []],
  ];
  it.each(table)('%s on %o may exactly %j', (kind, resource, allowed) => {
    const got = actionsByResource.meeting.filter((action) => allow(actors[kind], action, resource));
    expect(got.sort()).toEqual([...allowed].sort());
  });

  it('lets nobody anonymous into a meeting', () => {
    expect(actionsByResource.meeting.filter((action) => allow(undefined, action, meeting('owner')))).toEqual([]);
  });
});
