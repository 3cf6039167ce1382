import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { checkSponsor, dueAction, GUEST_TERM_MAX_DAYS, guestExpiry } from './guestTerms.js';
import type { Person } from './person.js';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 5, 12);

const person = (over: Partial<Person>): Person => ({
  id: 'p',
  tenantId: 'A',
  username: 'p',
  email: 'p@a.example',
  firstName: 'P',
  lastName: 'Q',
  role: 'member',
  status: 'active',
  sync: 'done',
  syncError: null,
  subject: null,
  platformAdmin: false,
  locale: 'de',
  invitedAt: null,
  mailNotices: true,
  guestTerm: null,
  createdAt: now,
  ...over,
});

const code = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error instanceof DomainError ? error.details?.code : error;
  }
  return 'accepted';
};

describe('a guest’s term', () => {
  it('lasts 90 days unless an end is given, and the end lies ahead by at most a year', () => {
    expect(guestExpiry(now)).toBe(now + 90 * DAY);
    expect(guestExpiry(now, now + DAY)).toBe(now + DAY);
    expect(guestExpiry(now, now + GUEST_TERM_MAX_DAYS * DAY)).toBe(now + GUEST_TERM_MAX_DAYS * DAY);
    expect(code(() => guestExpiry(now, now))).toBe('past');
    expect(code(() => guestExpiry(now, now - DAY))).toBe('past');
    expect(code(() => guestExpiry(now, Number.NaN))).toBe('past');
    expect(code(() => guestExpiry(now, now + GUEST_TERM_MAX_DAYS * DAY + 1))).toBe('too-far');
  });

  it.each([
    ['an active member of the tenant', person({}), 'accepted'],
    ['an active tenant admin', person({ role: 'tenant-admin' }), 'accepted'],
    ['another guest', person({ role: 'guest' }), 'invalid-sponsor'],
    ['a deactivated member', person({ status: 'deactivated' }), 'invalid-sponsor'],
    ['a member of another tenant', person({ tenantId: 'B' }), 'invalid-sponsor'],
    ['nobody', undefined, 'invalid-sponsor'],
  ])('takes %s as sponsor: %s', (_what, sponsor, outcome) => {
    expect(code(() => checkSponsor(sponsor, 'A'))).toBe(outcome);
  });

  it.each([
    ['ends in 30 days', 30 * DAY, null, 'none'],
    ['ends in 8 days', 8 * DAY, null, 'none'],
    ['ends in 7 days, sponsor not told', 7 * DAY, null, 'notice'],
    ['ends in an hour, sponsor told', 60 * 60 * 1000, now - DAY, 'none'],
    ['ends now', 0, now - DAY, 'expire'],
    ['ended yesterday, never told', -DAY, null, 'expire'],
  ])('a guest whose access %s: %s', (_what, inMs, noticeSentAt, action) => {
    expect(dueAction({ sponsorId: 's', expiresAt: now + inMs, noticeSentAt }, now)).toBe(action);
  });
});
