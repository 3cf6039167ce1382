import { systemActor } from '../../domain/actor.js';
import { conflict, DomainError, invalid } from '../../domain/errors.js';
import { checkSponsor, dueAction, guestExpiry, noticeHorizon } from '../../domain/guestTerms.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import type { Store } from '../../domain/ports/store.js';
import { allow } from '../../domain/policies/policy.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadPersonFor } from './loadPerson.js';
import { deactivatePerson } from './personCommands.js';

/**
 * A new end date for a guest's access (and, for whoever manages the guest, another sponsor). The
 * sponsor hears again before the new end. A guest whose access ended stays deactivated until an
 * admin reactivates them, now within their new term.
 */
export async function extendGuestTerm(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  change: { expiresAt: number; sponsorId?: string | undefined },
): Promise<void> {
  const { tenant, person } = await loadPersonFor(store, ctx, 'person.extendGuest', tenantId, personId, true);
  const term = person.guestTerm;
  if (person.role !== 'guest' || term === null) throw conflict('Only a tenant guest has an end date');
  const resource = {
    type: 'person' as const,
    tenantId,
    personId,
    archived: tenant.status === 'archived',
    platformAdmin: person.platformAdmin,
  };
  const newSponsor = change.sponsorId !== undefined && change.sponsorId !== term.sponsorId;
  if (newSponsor && !allow(ctx.actor, 'person.changeRole', resource)) {
    throw invalid('Only an administrator of the tenant names another sponsor', {
      field: 'sponsorId',
      code: 'sponsor-change-denied',
    });
  }
  const expiresAt = guestExpiry(ctx.now, change.expiresAt);
  await store.transaction(async (tx) => {
    const sponsorId = change.sponsorId ?? term.sponsorId;
    if (newSponsor) checkSponsor(await tx.people.findById(sponsorId), tenantId);
    await tx.people.setGuestTerm(personId, { sponsorId, expiresAt, noticeSentAt: null }, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.extendGuest',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: {
          username: person.username,
          from: new Date(term.expiresAt).toISOString(),
          to: new Date(expiresAt).toISOString(),
          ...(newSponsor ? { sponsorId } : {}),
        },
      }),
    );
  });
}

export interface GuestExpiryReport {
  noticed: number;
  expired: number;
}

/**
 * One pass over the guests whose access ends soon: each sponsor is told once, a week before, by
 * e-mail; a guest whose end has come is deactivated everywhere (Keycloak, chat, sessions, rooms and
 * their documents), as a tenant admin's deactivation would, by the workspace itself.
 */
export async function guestExpiryPass(store: Store, now: number): Promise<GuestExpiryReport> {
  const ctx: CommandContext = { actor: systemActor, requestId: null, now };
  const report: GuestExpiryReport = { noticed: 0, expired: 0 };
  for (const guest of await store.read.people.guestsEndingBy(noticeHorizon(now))) {
    const term = guest.guestTerm;
    if (term === null) continue;
    const action = dueAction(term, now);
    if (action === 'expire') {
      // Another replica's pass may have ended this one a moment ago: that is the same outcome.
      const ended = await deactivatePerson(store, ctx, guest.tenantId, guest.id, 'guest-term-ended').then(
        () => true,
        (error: unknown) => {
          if (error instanceof DomainError && error.kind === 'conflict') return false;
          throw error;
        },
      );
      if (ended) report.expired += 1;
    } else if (action === 'notice') {
      await store.transaction(async (tx) => {
        await tx.people.setGuestTerm(guest.id, { ...term, noticeSentAt: now }, now);
        await tx.outbox.enqueue({
          kind: jobKinds.mailNotice,
          payload: { personId: term.sponsorId, kind: 'guest.expiring', guestId: guest.id },
          dedupeKey: `person:${guest.id}:expiry-notice:${term.expiresAt}`,
        });
      });
      report.noticed += 1;
    }
  }
  return report;
}
