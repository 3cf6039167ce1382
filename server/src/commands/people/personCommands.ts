import type { TenantRole } from '../../domain/actor.js';
import { guestTermFor, handOverGuests } from './guestTerm.js';
import { queueMeetingRemoval } from '../meetingControl.js';
import { accountClash, conflict } from '../../domain/errors.js';
import type { Store, StoreTx } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { addPerson, normalizePerson, queueInvitation, type PersonProps } from './personCreator.js';
import type { ChatRooms } from '../../domain/ports/chat.js';
import type { IdentityDirectory } from '../../domain/ports/identity.js';
import { loadTenantFor } from '../loadTenant.js';
import { loadPersonFor } from './loadPerson.js';
import { lowerRoomRolesFor, queueRoomSync } from '../rooms/roomCommands.js';

/** Where accounts live outside the workspace's database, asked before a person is added. */
export interface AccountLookup {
  identity: Pick<IdentityDirectory, 'findUserByUsername'>;
  chat: Pick<ChatRooms, 'findAccount'>;
}

/**
 * Adds one person. A sign-in name that Keycloak or the homeserver already
 * holds is refused at once (409, naming the system): such an account was not
 * made for this new person, and taking it over would hand its power to
 * whoever the admin names. A system that cannot be asked now does not hold
 * the change up: the provisioning job asks again and refuses the same way.
 */
export async function createPerson(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  props: PersonProps,
  accounts?: AccountLookup,
): Promise<string> {
  const tenant = await loadTenantFor(store, ctx, 'person.create', tenantId, true);
  if (accounts !== undefined) {
    const { email, username } = normalizePerson(tenant, props);
    // The workspace's own records answer first, with their more precise message (inside the transaction).
    const taken = await store.read.people.taken([email], [username]);
    if (taken.emails.size > 0 || taken.usernames.size > 0) {
      return store.transaction((tx) => addPerson(tx, ctx, tenant, props, 'single'));
    }
    const [identityUser, chatAccount] = await Promise.allSettled([
      accounts.identity.findUserByUsername(username),
      accounts.chat.findAccount(username),
    ]);
    if (identityUser.status === 'fulfilled' && identityUser.value !== undefined) throw accountClash('keycloak');
    if (chatAccount.status === 'fulfilled' && chatAccount.value !== undefined) throw accountClash('synapse');
  }
  return store.transaction((tx) => addPerson(tx, ctx, tenant, props, 'single'));
}

/**
 * A new tenant role. Becoming a guest of the tenant lowers every room role of
 * the person to guest in the same transaction (refused while they are the only
 * owner of an active room); becoming a member again restores none of them.
 */
export async function changeRole(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  role: TenantRole,
): Promise<void> {
  const { person } = await loadPersonFor(store, ctx, 'person.changeRole', tenantId, personId, true);
  if (person.role === role) return;
  await store.transaction(async (tx) => {
    await tx.people.setRole(personId, role, ctx.now);
    // A new guest gets a sponsor and an end date; whoever stops being a guest loses them (ADR 0050).
    await tx.people.setGuestTerm(personId, await guestTermFor(tx, ctx, tenantId, role), ctx.now);
    await lowerRoomRolesFor(tx, ctx, tenantId, personId, role);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.changeRole',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { from: person.role, to: role, username: person.username },
      }),
    );
  });
}

/**
 * Deactivation is immediate in the desired state (the person can no longer
 * sign in to the workspace); the outbox then disables the Keycloak account,
 * ends their sessions there, and removes them from chat.
 */
export async function deactivatePerson(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  /** Why, when it is not an admin's decision: the audit entry says it. */
  reason?: 'guest-term-ended',
): Promise<void> {
  const { person } = await loadPersonFor(store, ctx, 'person.deactivate', tenantId, personId, true);
  if (person.status === 'deactivated') throw conflict('This person is deactivated already');
  await store.transaction(async (tx) => {
    const handed = await letGo(tx, ctx, tenantId, personId);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.deactivate',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: {
          username: person.username,
          ...(reason ? { reason } : {}),
          ...(handed.guests > 0 ? { sponsoredGuests: handed.guests, guestsHandedTo: handed.to } : {}),
        },
      }),
    );
  });
}

/**
 * The leaver path, inside the caller's transaction: the person is deactivated, the outbox disables
 * their Keycloak account and ends their sessions there, removes them from chat; every room and
 * running meeting lets them go; the guests they sponsor are handed to someone else (ADR 0050).
 */
export async function letGo(
  tx: StoreTx,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<{ guests: number; to: string | null }> {
  await tx.people.setStatus(personId, 'deactivated', ctx.now);
  await tx.people.setSync(personId, 'pending', null, ctx.now);
  await tx.outbox.enqueue({
    kind: jobKinds.personDeactivate,
    payload: { personId },
    dedupeKey: `person:${personId}:deactivate:${ctx.now}`,
  });
  // Every room they belong to lets them go (their membership is kept for a reactivation), and
  // so does every running meeting of those rooms.
  for (const roomId of await tx.rooms.roomsOf(personId)) {
    await queueRoomSync(tx, roomId, ctx.now);
    await queueMeetingRemoval(tx, roomId, { identity: personId }, ctx.now);
  }
  return handOverGuests(tx, tenantId, personId, ctx.now);
}

export async function reactivatePerson(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<void> {
  const { person } = await loadPersonFor(store, ctx, 'person.reactivate', tenantId, personId, true);
  if (person.status === 'active') throw conflict('This person is active already');
  if (await store.read.privacy.erasureOf(personId)) throw conflict('This person is erased', { code: 'erased' });
  if (person.guestTerm !== null && person.guestTerm.expiresAt <= ctx.now) {
    throw conflict('The guest’s access has ended: extend it first', { code: 'guest-term-ended' });
  }
  await store.transaction(async (tx) => {
    await tx.people.setStatus(personId, 'active', ctx.now);
    await tx.people.setSync(personId, 'pending', null, ctx.now);
    await tx.outbox.enqueue({
      kind: jobKinds.personReactivate,
      payload: { personId },
      dedupeKey: `person:${personId}:reactivate:${ctx.now}`,
    });
    for (const roomId of await tx.rooms.roomsOf(personId)) await queueRoomSync(tx, roomId, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.reactivate',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { username: person.username },
      }),
    );
  });
}

/**
 * Sends a person's invitation by e-mail again (ADR 0041): a new link to choose their password. The
 * older links stay valid until they expire. While one invitation waits to be sent, asking again
 * sends no second mail.
 */
export async function resendInvitation(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<void> {
  const { person } = await loadPersonFor(store, ctx, 'person.invite', tenantId, personId, true);
  if (person.status !== 'active') throw conflict('A deactivated person gets no invitation');
  await store.transaction(async (tx) => {
    await queueInvitation(tx, personId);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.invite',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { username: person.username },
      }),
    );
  });
}

/** A person turns the workspace's notices by e-mail on or off for themselves (ADR 0041). */
export async function setMailNotices(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  enabled: boolean,
): Promise<void> {
  const { person } = await loadPersonFor(store, ctx, 'person.updateMailNotices', tenantId, personId, true);
  if (person.mailNotices === enabled) return;
  await store.transaction(async (tx) => {
    await tx.people.setMailNotices(personId, enabled, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.mailNotices',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { enabled },
      }),
    );
  });
}
