import type { Actor } from '../actor.js';
import type { RoomRole, RoomVisibility } from '../room.js';
import { roleMay, type RoomAbility } from '../roomCapabilities.js';

/**
 * Every permission of the workspace, in one place, as functions of
 * (actor, action, resource). Routes call `allow`; presenters send
 * `abilities` to the client so it never re-implements a rule.
 */
export type Resource =
  | { type: 'platform' }
  | { type: 'tenant'; tenantId: string; archived: boolean }
  | {
      type: 'person';
      tenantId: string;
      personId: string;
      archived: boolean;
      /** The person's sign-in account is a platform admin's: only platform admins manage it. */
      platformAdmin?: boolean;
      /** A tenant guest's sponsor (ADR 0050); absent or null for everyone else. */
      sponsorId?: string | null;
    }
  | {
      type: 'room';
      tenantId: string;
      roomId: string;
      /** The room or its tenant is archived. */
      archived: boolean;
      visibility: RoomVisibility;
      /** The actor's role in this room, or null if they are not a member. */
      memberRole: RoomRole | null;
    }
  | {
      type: 'meeting';
      tenantId: string;
      roomId: string;
      /** The room or its tenant is archived. */
      archived: boolean;
      /** The actor's role in the meeting's room, or null if they are not a member. */
      memberRole: RoomRole | null;
      /** The tenant's policy: meetings, and guests from outside, allowed. */
      meetingsEnabled: boolean;
      guestsEnabled: boolean;
    };

type Rule<R> = (actor: Actor, resource: R) => boolean;
type ResourceOf<T extends Resource['type']> = Extract<Resource, { type: T }>;

const platformAdmin = (a: Actor): boolean => a.platformAdmin;
const inTenant = (a: Actor, tenantId: string): boolean => a.tenantId !== null && a.tenantId === tenantId;
const tenantAdmin = (a: Actor, tenantId: string): boolean => inTenant(a, tenantId) && a.tenantRole === 'tenant-admin';
const administers = (a: Actor, tenantId: string): boolean => platformAdmin(a) || tenantAdmin(a, tenantId);
const isSelf = (a: Actor, personId: string): boolean => a.userId !== null && a.userId === personId;
const seesDirectory = (a: Actor, tenantId: string): boolean =>
  inTenant(a, tenantId) && (a.tenantRole === 'tenant-admin' || a.tenantRole === 'member');

const platformRules = {
  'tenant.list': (a) => platformAdmin(a),
  'tenant.create': (a) => platformAdmin(a),
  'audit.readAll': (a) => platformAdmin(a),
} satisfies Record<string, Rule<ResourceOf<'platform'>>>;

const tenantRules = {
  'tenant.read': (a, t) => platformAdmin(a) || inTenant(a, t.tenantId),
  'tenant.archive': (a, t) => platformAdmin(a) && !t.archived,
  'person.list': (a, t) => platformAdmin(a) || seesDirectory(a, t.tenantId),
  'person.create': (a, t) => administers(a, t.tenantId) && !t.archived,
  'person.import': (a, t) => administers(a, t.tenantId) && !t.archived,
  'audit.read': (a, t) => administers(a, t.tenantId),
  'room.list': (a, t) => platformAdmin(a) || inTenant(a, t.tenantId),
  'room.create': (a, t) => !t.archived && seesDirectory(a, t.tenantId),
  'tenant.readPolicy': (a, t) => administers(a, t.tenantId),
  'tenant.updatePolicy': (a, t) => administers(a, t.tenantId) && !t.archived,
  // The reports of the tenant's erasures (ADR 0053).
  'erasure.read': (a, t) => tenantAdmin(a, t.tenantId),
} satisfies Record<string, Rule<ResourceOf<'tenant'>>>;

/** The actor's room role grants the ability (roomCapabilities.ts says which role may what). */
const roleGrants = (r: { memberRole: RoomRole | null }, ability: RoomAbility): boolean =>
  roleMay(r.memberRole, ability);

// Rooms: members act by their room role; tenant admins administer every room
// of their tenant (but read its messages only as members, through Matrix).
const roomRules = {
  'room.read': (a, r) =>
    administers(a, r.tenantId) ||
    (inTenant(a, r.tenantId) && (r.memberRole !== null || (r.visibility === 'tenant' && a.tenantRole !== 'guest'))),
  'room.join': (a, r) =>
    !r.archived && r.memberRole === null && r.visibility === 'tenant' && seesDirectory(a, r.tenantId),
  'room.leave': (a, r) => r.memberRole !== null && inTenant(a, r.tenantId),
  'room.update': (a, r) => !r.archived && (tenantAdmin(a, r.tenantId) || roleGrants(r, 'room.update')),
  'room.manageMembers': (a, r) => !r.archived && (tenantAdmin(a, r.tenantId) || roleGrants(r, 'room.manageMembers')),
  'room.manageOwners': (a, r) => !r.archived && (tenantAdmin(a, r.tenantId) || roleGrants(r, 'room.manageOwners')),
  'room.archive': (a, r) => !r.archived && (tenantAdmin(a, r.tenantId) || roleGrants(r, 'room.archive')),
  'room.reconcile': (a, r) => administers(a, r.tenantId),
  // The chat follows the room role too; the chat room's power levels say the same (ADR 0027).
  'chat.post': (a, r) => !r.archived && inTenant(a, r.tenantId) && roleGrants(r, 'chat.post'),
  'chat.removeMessages': (a, r) => !r.archived && inTenant(a, r.tenantId) && roleGrants(r, 'chat.removeMessages'),
  // Documents follow the room's members and roles. Leaving the room takes the
  // access away; tenant admins read documents only as members.
  'document.read': (a, r) => inTenant(a, r.tenantId) && roleGrants(r, 'document.read'),
  'document.write': (a, r) => !r.archived && inTenant(a, r.tenantId) && roleGrants(r, 'document.write'),
  'document.purge': (a, r) => !r.archived && inTenant(a, r.tenantId) && roleGrants(r, 'document.purge'),
} satisfies Record<string, Rule<ResourceOf<'room'>>>;

// Meetings follow the room: what its members may do there is their role's;
// tenant admins manage guest links of every room of their tenant.
const meetingRules = {
  'meeting.join': (a, m) =>
    !m.archived && m.meetingsEnabled && inTenant(a, m.tenantId) && roleGrants(m, 'meeting.join'),
  'meeting.moderate': (a, m) =>
    !m.archived && m.meetingsEnabled && inTenant(a, m.tenantId) && roleGrants(m, 'meeting.moderate'),
  // Planning meetings follows the role table too (ADR 0052); seeing them is joining's.
  'meeting.schedule': (a, m) =>
    !m.archived && m.meetingsEnabled && inTenant(a, m.tenantId) && roleGrants(m, 'meeting.schedule'),
  'guestLink.manage': (a, m) =>
    !m.archived &&
    m.meetingsEnabled &&
    m.guestsEnabled &&
    (tenantAdmin(a, m.tenantId) || (inTenant(a, m.tenantId) && roleGrants(m, 'guestLink.manage'))),
} satisfies Record<string, Rule<ResourceOf<'meeting'>>>;

// Nobody changes their own role or deactivates themselves, so a tenant cannot
// lock out its last admin by accident; a platform admin may. A person whose
// sign-in account is a platform admin's is managed by platform admins only:
// a tenant admin could otherwise lock the installation's operators out.
const managesPerson = (a: Actor, p: ResourceOf<'person'>): boolean =>
  !p.archived &&
  (platformAdmin(a) || (tenantAdmin(a, p.tenantId) && !isSelf(a, p.personId) && p.platformAdmin !== true));
const personRules = {
  'person.read': (a, p) => platformAdmin(a) || isSelf(a, p.personId) || seesDirectory(a, p.tenantId),
  'person.changeRole': managesPerson,
  'person.deactivate': managesPerson,
  'person.reactivate': managesPerson,
  // The invitation by e-mail (ADR 0041); the command sends it to active people only.
  'person.invite': managesPerson,
  // A tenant guest's end date: their sponsor extends it, or whoever manages the guest (ADR 0050).
  'person.extendGuest': (a, p) =>
    typeof p.sponsorId === 'string' &&
    (managesPerson(a, p) || (!p.archived && seesDirectory(a, p.tenantId) && isSelf(a, p.sponsorId))),
  // Whether the workspace's notices reach someone by e-mail is theirs to say, nobody else's (ADR 0041).
  'person.updateMailNotices': (a, p) => !p.archived && isSelf(a, p.personId) && inTenant(a, p.tenantId),
  // A chat device holds its owner's keys: only its owner removes it, never an admin (ADR 0019).
  'person.removeChatDevice': (a, p) => isSelf(a, p.personId) && inTenant(a, p.tenantId),
  // A person's data as one archive (GDPR Art. 15, 20; ADR 0053): the person themselves, or an admin of their tenant.
  'person.export': (a, p) =>
    (isSelf(a, p.personId) && inTenant(a, p.tenantId)) ||
    (tenantAdmin(a, p.tenantId) && p.platformAdmin !== true) ||
    platformAdmin(a),
  // Erasure (GDPR Art. 17; ADR 0053) is the tenant admin's alone, never of themselves nor of a platform admin.
  'person.erase': (a, p) =>
    !p.archived && tenantAdmin(a, p.tenantId) && !isSelf(a, p.personId) && p.platformAdmin !== true,
  // Only the person themselves ties a chat device of theirs to their own workspace session (ADR 0029).
  'person.bindChatDevice': (a, p) => !p.archived && isSelf(a, p.personId) && inTenant(a, p.tenantId),
} satisfies Record<string, Rule<ResourceOf<'person'>>>;

export type PlatformAction = keyof typeof platformRules;
export type TenantAction = keyof typeof tenantRules;
export type PersonAction = keyof typeof personRules;
export type RoomAction = keyof typeof roomRules;
export type MeetingAction = keyof typeof meetingRules;
export type Action = PlatformAction | TenantAction | PersonAction | RoomAction | MeetingAction;

export const actionsByResource = {
  platform: Object.keys(platformRules) as PlatformAction[],
  tenant: Object.keys(tenantRules) as TenantAction[],
  person: Object.keys(personRules) as PersonAction[],
  room: Object.keys(roomRules) as RoomAction[],
  meeting: Object.keys(meetingRules) as MeetingAction[],
};

export function allow(actor: Actor | undefined, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  switch (resource.type) {
    case 'platform':
      return action in platformRules && platformRules[action as PlatformAction](actor);
    case 'tenant':
      return action in tenantRules && tenantRules[action as TenantAction](actor, resource);
    case 'person':
      return action in personRules && personRules[action as PersonAction](actor, resource);
    case 'room':
      return action in roomRules && roomRules[action as RoomAction](actor, resource);
    case 'meeting':
      return action in meetingRules && meetingRules[action as MeetingAction](actor, resource);
  }
}

/** What the actor may do with a resource, for the client to show or hide controls. */
export function abilities(actor: Actor | undefined, resource: Resource): Record<string, boolean> {
  return Object.fromEntries(actionsByResource[resource.type].map((action) => [action, allow(actor, action, resource)]));
}
