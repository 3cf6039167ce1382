import { z } from 'zod';

/**
 * The actions the server reports as abilities, by the kind of object they are about. The
 * server's policy may name no other (a test there holds it to this list); the client asks
 * only for these.
 */
export const abilityNames = {
  platform: ['tenant.list', 'tenant.create', 'audit.readAll'],
  tenant: [
    'tenant.read',
    'tenant.archive',
    'person.list',
    'person.create',
    'person.import',
    'audit.read',
    'room.list',
    'room.create',
    'tenant.readPolicy',
    'tenant.updatePolicy',
    'erasure.read',
  ],
  person: [
    'person.read',
    'person.changeRole',
    'person.deactivate',
    'person.reactivate',
    'person.invite',
    'person.extendGuest',
    'person.updateMailNotices',
    'person.removeChatDevice',
    'person.bindChatDevice',
    'person.export',
    'person.erase',
  ],
  room: [
    'room.read',
    'room.join',
    'room.leave',
    'room.update',
    'room.manageMembers',
    'room.manageOwners',
    'room.archive',
    'room.reconcile',
    'chat.post',
    'chat.removeMessages',
    'document.read',
    'document.write',
    'document.purge',
    'document.share',
  ],
  meeting: ['meeting.join', 'meeting.moderate', 'meeting.schedule', 'guestLink.manage'],
} as const;

export type AbilityName = (typeof abilityNames)[keyof typeof abilityNames][number];

/**
 * What the caller may do with an object: action → allowed. A value that is not a boolean
 * reads as not allowed, so an odd answer hides a control rather than breaking the page.
 */
export const abilities = z
  .record(z.string(), z.boolean().catch(false))
  .describe('What the caller may do with this object');
export type Abilities = Readonly<Record<string, boolean>>;

export function can(abilitySet: Abilities | undefined, action: AbilityName): boolean {
  return abilitySet?.[action] === true;
}
