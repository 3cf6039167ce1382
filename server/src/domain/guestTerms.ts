import { invalid } from './errors.js';
import type { GuestTerm, Person } from './person.js';

const DAY = 24 * 60 * 60 * 1000;

/** A new tenant guest's access lasts this long unless an end date is given (ADR 0050). */
export const GUEST_TERM_DEFAULT_DAYS = 90;
/** No guest's end date lies further ahead than this: a longer stay is a sponsor's renewed decision. */
export const GUEST_TERM_MAX_DAYS = 365;
/** The sponsor is told this many days before the guest's access ends. */
export const GUEST_EXPIRY_NOTICE_DAYS = 7;

/** The end date of a new guest's access: the given one, checked, or the default from now. */
export function guestExpiry(now: number, requested?: number): number {
  if (requested === undefined) return now + GUEST_TERM_DEFAULT_DAYS * DAY;
  if (!Number.isFinite(requested) || requested <= now) {
    throw invalid('The end of a guest’s access must lie in the future', { field: 'expiresAt', code: 'past' });
  }
  if (requested > now + GUEST_TERM_MAX_DAYS * DAY) {
    throw invalid(`A guest’s access may last at most ${GUEST_TERM_MAX_DAYS} days from today`, {
      field: 'expiresAt',
      code: 'too-far',
    });
  }
  return requested;
}

/** Only an active member or tenant admin of the guest's own tenant sponsors a guest. */
export function checkSponsor(sponsor: Person | undefined, tenantId: string): Person {
  if (!sponsor || sponsor.tenantId !== tenantId || sponsor.status !== 'active' || sponsor.role === 'guest') {
    throw invalid('The sponsor must be an active member or administrator of the tenant', {
      field: 'sponsorId',
      code: 'invalid-sponsor',
    });
  }
  return sponsor;
}

/** What the expiry pass does with a guest now: nothing, tell the sponsor, or end the access. */
export function dueAction(term: GuestTerm, now: number): 'none' | 'notice' | 'expire' {
  if (term.expiresAt <= now) return 'expire';
  if (term.noticeSentAt === null && term.expiresAt - now <= GUEST_EXPIRY_NOTICE_DAYS * DAY) return 'notice';
  return 'none';
}

/** The moment up to which the expiry pass must look: guests ending by then get a notice or end. */
export const noticeHorizon = (now: number): number => now + GUEST_EXPIRY_NOTICE_DAYS * DAY;
