import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_EVENT, verifyLogoutToken } from './logoutToken.js';

const issuer = 'https://idp.example/realms/workspace';
const audience = 'workspace-backend';
const now = 1_700_000_000_000;
const iat = Math.floor(now / 1000) - 5;

describe('verifyLogoutToken', () => {
  let sign: (claims: JWTPayload, header?: Record<string, string>) => Promise<string>;
  let keys: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
    sign = (claims, header = { typ: 'logout+jwt' }) =>
      new SignJWT({ iss: issuer, aud: audience, iat, jti: 'jti-1', sub: 'sub-1', sid: 'sid-1', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header })
        .sign(privateKey);
  });

  const check = (token: string) => verifyLogoutToken(token, keys, { issuer, audience, now });
  const logout = { events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } };

  it('accepts a logout token as Keycloak sends it, and says until when to remember it', async () => {
    // Keycloak 26: header typ "logout+jwt", and its own claim typ "Logout" in the payload; exp after iat.
    const token = await sign({ ...logout, typ: 'Logout', exp: iat + 3600 });
    await expect(check(token)).resolves.toEqual({
      subject: 'sub-1',
      providerSessionId: 'sid-1',
      tokenId: `${issuer} jti-1`,
      acceptableUntil: (iat + 120 + 30) * 1000,
    });
    // An exp sooner than the age limit bounds the memory instead.
    const soon = await check(await sign({ ...logout, exp: iat + 10 }));
    expect(soon.acceptableUntil).toBe((iat + 10 + 30) * 1000);
  });

  it('accepts the typed media type and a token without typ, as the specification allows', async () => {
    await expect(check(await sign(logout, { typ: 'application/logout+JWT' }))).resolves.toHaveProperty('subject');
    await expect(check(await sign(logout, {}))).resolves.toHaveProperty('subject');
  });

  it('refuses an ID token or access token (typ JWT, at+jwt) even with the logout event in it', async () => {
    await expect(check(await sign(logout, { typ: 'JWT' }))).rejects.toThrow(/type is "JWT"/);
    await expect(check(await sign(logout, { typ: 'at+jwt' }))).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses a token without the back-channel logout event, or with it not an object', async () => {
    await expect(check(await sign({}))).rejects.toThrow(/no back-channel logout event/);
    await expect(check(await sign({ events: { 'http://example/other': {} } }))).rejects.toThrow(/no back-channel/);
    await expect(check(await sign({ events: { [BACKCHANNEL_LOGOUT_EVENT]: true } }))).rejects.toThrow(
      /not a JSON object/,
    );
  });

  it('refuses a token with a nonce, without jti, without sub and sid', async () => {
    await expect(check(await sign({ ...logout, nonce: 'n' }))).rejects.toThrow(/nonce/);
    await expect(check(await sign({ ...logout, jti: undefined }))).rejects.toMatchObject({ reason: 'invalid' });
    await expect(check(await sign({ ...logout, sub: undefined, sid: undefined }))).rejects.toThrow(
      /neither sub nor sid/,
    );
  });

  it('refuses a token too old, for another audience, or signed with another key', async () => {
    await expect(check(await sign({ ...logout, iat: iat - 600 }))).rejects.toMatchObject({ reason: 'invalid' });
    await expect(check(await sign({ ...logout, aud: 'other' }))).rejects.toMatchObject({ reason: 'invalid' });
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...logout, iss: issuer, aud: audience, iat, jti: 'j', sub: 's' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'logout+jwt' })
      .sign(privateKey);
    await expect(check(forged)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
