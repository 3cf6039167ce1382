import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { parseSession, signInUrl } from './session';

describe('session', () => {
  it('reads a signed-in session with its actor and CSRF token', () => {
    const signedIn = {
      authenticated: true,
      actor: {
        userId: 'u1',
        subject: 's1',
        username: 'amelie.admin',
        displayName: 'Amelie Adler',
        tenantId: 't1',
        tenantRole: 'tenant-admin',
        platformAdmin: false,
      },
      csrfToken: 'token',
      secondFactor: { used: true, missing: null },
    };
    expect(parseSession(signedIn)).toEqual(signedIn);
  });

  it('reads what a session without the second factor lacks, and refuses an unknown reason', () => {
    const actor = { userId: null, subject: 's', username: 'u', tenantId: null, tenantRole: null, platformAdmin: false };
    const parsed = parseSession({
      authenticated: true,
      actor,
      csrfToken: 'token',
      secondFactor: { used: false, missing: 'tenant-admin' },
    });
    expect(parsed.authenticated && parsed.secondFactor).toEqual({ used: false, missing: 'tenant-admin' });
    expect(() =>
      parseSession({ authenticated: true, actor, csrfToken: 'x', secondFactor: { used: false, missing: 'x' } }),
    ).toThrow(ApiError);
  });

  it('reads a signed-out session and refuses a broken one', () => {
    expect(parseSession({ authenticated: false })).toEqual({ authenticated: false });
    expect(() => parseSession({ authenticated: true, actor: {}, csrfToken: 'x' })).toThrow(ApiError);
  });

  it('sends the browser to sign in with the way back and the language', () => {
    expect(signInUrl('/admin/people?tenant=t1', 'de')).toBe(
      '/auth/login?returnTo=%2Fadmin%2Fpeople%3Ftenant%3Dt1&lang=de',
    );
    expect(signInUrl('/admin', 'en', true)).toBe('/auth/login?returnTo=%2Fadmin&lang=en&secondFactor=1');
  });
});
