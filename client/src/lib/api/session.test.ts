import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { parseSession, signInUrl } from './session';

describe('session', () => {
  it('reads a signed-in session with its actor and CSRF token', () => {
    expect(
      parseSession({
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
      }),
    ).toEqual({
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
    });
  });

  it('reads a signed-out session and refuses a broken one', () => {
    expect(parseSession({ authenticated: false })).toEqual({ authenticated: false });
    expect(() => parseSession({ authenticated: true, actor: {}, csrfToken: 'x' })).toThrow(ApiError);
  });

  it('sends the browser to sign in with the way back and the language', () => {
    expect(signInUrl('/admin/people?tenant=t1', 'de')).toBe(
      '/auth/login?returnTo=%2Fadmin%2Fpeople%3Ftenant%3Dt1&lang=de',
    );
  });
});
