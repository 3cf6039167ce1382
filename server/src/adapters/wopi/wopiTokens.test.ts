import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwtWopiTokens } from './wopiTokens.js';

const secret = 'a-session-secret-of-at-least-32-characters';
const grant = { personId: 'p1', entryId: 'e1', write: true };

describe('WOPI access tokens', () => {
  it('carry person, entry and write flag until they expire', async () => {
    const tokens = new JwtWopiTokens(secret, 10);
    const now = Date.UTC(2026, 0, 1, 12);
    const { token, expiresAt } = await tokens.mint(grant, now);
    expect(expiresAt).toBe(now + 10 * 60_000);
    expect(await tokens.verify(token, now + 60_000)).toEqual({ ...grant, expiresAt });
    expect(await tokens.verify(token, expiresAt + 1000)).toBeNull();
  });

  it('refuses tokens of another secret, changed tokens and other algorithms', async () => {
    const now = Date.now();
    const { token } = await new JwtWopiTokens(secret, 10).mint(grant, now);
    expect(await new JwtWopiTokens(`${secret}-other`, 10).verify(token, now)).toBeNull();
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, ent: 'e2' })).toString('base64url');
    expect(await new JwtWopiTokens(secret, 10).verify(`${h}.${forged}.${s}`, now)).toBeNull();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect(await new JwtWopiTokens(secret, 10).verify(none, now)).toBeNull();
    const wrongAudience = await new SignJWT({ ent: 'e1', wr: true })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('p1')
      .setAudience('jitsi')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    expect(await new JwtWopiTokens(secret, 10).verify(wrongAudience, now)).toBeNull();
    expect(await new JwtWopiTokens(secret, 10).verify('not-a-token', now)).toBeNull();
  });
});
