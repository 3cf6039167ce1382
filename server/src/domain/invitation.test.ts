import { describe, expect, it } from 'vitest';
import { invitationFor } from './invitation.js';

const member = { tenantId: 't', role: 'member' as const, platformAdmin: false, locale: 'de' as const };

describe('an invitation', () => {
  it('asks a member only for a password unless the tenant requires a second factor of everybody', () => {
    expect(invitationFor(member, false)).toEqual({ locale: 'de', setUpSecondFactor: false });
    expect(invitationFor(member, true)).toEqual({ locale: 'de', setUpSecondFactor: true });
  });

  it('asks tenant admins and platform admins for the second factor always', () => {
    expect(invitationFor({ ...member, role: 'tenant-admin' }, false).setUpSecondFactor).toBe(true);
    expect(invitationFor({ ...member, platformAdmin: true }, false).setUpSecondFactor).toBe(true);
  });

  it("is written in the person's language", () => {
    expect(invitationFor({ ...member, locale: 'en' }, false).locale).toBe('en');
  });
});
