import { createHmac, generateKeyPairSync, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JitsiTokens } from './jitsiTokens.js';

// The tokens are checked here without jose: an independent reading of the
// JWT (RFC 7519) as Prosody's token_verification does it, so a mistake in how
// the library is used cannot hide behind the same library's verifier.
type Json = Record<string, unknown>;

interface Expected {
  iss: string;
  aud: string;
  sub: string;
  room: string;
  nowSeconds: number;
}

type Key = { alg: 'HS256'; secret: string } | { alg: 'RS256'; publicKey: KeyObject; kid: string };

const decodePart = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;

/** Verifies like a strict relying party: allowed algorithm only, signature, then every claim. */
function verifyJitsiToken(jwt: string, key: Key, expected: Expected): Json {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = decodePart(h);
  if (header.alg !== key.alg) throw new Error(`algorithm ${String(header.alg)} not allowed`);
  const signed = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  if (key.alg === 'HS256') {
    const mac = createHmac('sha256', key.secret).update(signed).digest();
    if (mac.length !== signature.length || !timingSafeEqual(mac, signature)) throw new Error('bad signature');
  } else {
    if (header.kid !== key.kid) throw new Error('unknown key id');
    if (!verify('sha256', signed, key.publicKey, signature)) throw new Error('bad signature');
  }
  const claims = decodePart(p);
  const now = expected.nowSeconds;
  if (typeof claims.exp !== 'number' || claims.exp <= now) throw new Error('expired');
  if (typeof claims.nbf !== 'number' || claims.nbf > now) throw new Error('not yet valid');
  if (claims.iss !== expected.iss) throw new Error('wrong issuer');
  if (claims.aud !== expected.aud) throw new Error('wrong audience');
  if (claims.sub !== expected.sub) throw new Error('wrong subject');
  if (claims.room !== expected.room) throw new Error('wrong room');
  return claims;
}

const secret = 'x'.repeat(40);
const t0 = Date.UTC(2030, 0, 1, 9, 0, 0);
const nowS = t0 / 1000;
const base = { domain: 'meet.example.org:8443', appId: 'workspace', audience: 'jitsi', lifetimeMinutes: 10 };
const hs = new JitsiTokens({ ...base, signing: { algorithm: 'HS256', secret } });
const expected: Expected = { iss: 'workspace', aud: 'jitsi', sub: 'meet.example.org', room: 'wsabc', nowSeconds: nowS };
const member = { id: 'p-1', name: 'Bernd Beispiel', email: 'bernd@demo.example' };
const request = {
  roomName: 'wsabc',
  user: member,
  moderator: false,
  publish: true,
  recording: false,
  lobbyBypass: true,
  now: t0,
};

const tamper = (jwt: string, change: (claims: Json) => void): string => {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const claims = decodePart(p);
  change(claims);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
};

describe('Jitsi meeting tokens', () => {
  it('signs HS256 tokens an independent verifier accepts, with Jitsi’s claims', async () => {
    const { jwt, expiresAt } = await hs.mint(request);
    expect(decodePart(jwt.split('.')[0]!)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = verifyJitsiToken(jwt, { alg: 'HS256', secret }, expected);
    expect(claims.exp).toBe(nowS + 600);
    expect(expiresAt).toBe(t0 + 600_000);
    expect(claims.nbf).toBeLessThanOrEqual(nowS);
    expect(claims.iat).toBe(nowS);
    const context = claims.context as { user: Json; features: Json };
    expect(context.user).toEqual({
      id: 'p-1',
      name: 'Bernd Beispiel',
      email: 'bernd@demo.example',
      avatar: '',
      affiliation: 'member',
      moderator: 'false',
    });
    // Prosody throws on anything but strings in context.user.
    for (const value of Object.values(context.user)) expect(typeof value).toBe('string');
    expect(claims.moderator).toBe(false);
    expect(context.features).toMatchObject({ recording: 'false', livestreaming: 'false', lobby_bypass: true });
  });

  it('says moderator in every form Jitsi’s modules read, and lets moderators record when allowed', async () => {
    const { jwt } = await hs.mint({ ...request, moderator: true, recording: true });
    const claims = verifyJitsiToken(jwt, { alg: 'HS256', secret }, expected);
    const context = claims.context as { user: Json; features: Json };
    expect(claims.moderator).toBe(true);
    expect(context.user).toMatchObject({ moderator: 'true', affiliation: 'owner' });
    expect(context.features).toMatchObject({ recording: 'true', livestreaming: 'true' });
  });

  it('gives guests no e-mail, no moderation and no lobby bypass', async () => {
    const { jwt } = await hs.mint({
      ...request,
      user: { id: 'guest-1', name: 'Frau Extern' },
      lobbyBypass: false,
    });
    const claims = verifyJitsiToken(jwt, { alg: 'HS256', secret }, expected);
    const context = claims.context as { user: Json; features: Json };
    expect(context.user).not.toHaveProperty('email');
    expect(context.user).toMatchObject({ id: 'guest-1', name: 'Frau Extern', moderator: 'false' });
    expect(context.features.lobby_bypass).toBe(false);
  });

  it('is refused when expired, not yet valid, for another room, audience, issuer or subject, or altered', async () => {
    const { jwt } = await hs.mint(request);
    const key = { alg: 'HS256' as const, secret };
    expect(() => verifyJitsiToken(jwt, key, { ...expected, nowSeconds: nowS + 601 })).toThrow('expired');
    expect(() => verifyJitsiToken(jwt, key, { ...expected, nowSeconds: nowS - 120 })).toThrow('not yet valid');
    expect(() => verifyJitsiToken(jwt, key, { ...expected, room: 'other' })).toThrow('wrong room');
    expect(() => verifyJitsiToken(jwt, key, { ...expected, aud: 'other' })).toThrow('wrong audience');
    expect(() => verifyJitsiToken(jwt, key, { ...expected, iss: 'other' })).toThrow('wrong issuer');
    expect(() => verifyJitsiToken(jwt, key, { ...expected, sub: 'other' })).toThrow('wrong subject');
    expect(() => verifyJitsiToken(jwt, { alg: 'HS256', secret: 'y'.repeat(40) }, expected)).toThrow('bad signature');
    const promoted = tamper(jwt, (c) => {
      c.moderator = true;
    });
    expect(() => verifyJitsiToken(promoted, key, expected)).toThrow('bad signature');
  });

  it('uses the configured subject, lowercase', async () => {
    const tenantTokens = new JitsiTokens({ ...base, subject: 'Behoerde', signing: { algorithm: 'HS256', secret } });
    const { jwt } = await tenantTokens.mint(request);
    expect(verifyJitsiToken(jwt, { alg: 'HS256', secret }, { ...expected, sub: 'behoerde' }).sub).toBe('behoerde');
  });

  describe('RS256', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rs = new JitsiTokens({ ...base, signing: { algorithm: 'RS256', privateKeyPem: pem, keyId: 'jitsi/ws-1' } });

    it('signs with the key and names it by key id', async () => {
      const { jwt } = await rs.mint({ ...request, moderator: true });
      expect(decodePart(jwt.split('.')[0]!)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'jitsi/ws-1' });
      const claims = verifyJitsiToken(jwt, { alg: 'RS256', publicKey, kid: 'jitsi/ws-1' }, expected);
      expect(claims.moderator).toBe(true);
    });

    it('is refused by a verifier that allows only RS256: no "none", no HS256 made with the public key', async () => {
      const { jwt } = await rs.mint(request);
      const [, p] = jwt.split('.') as [string, string, string];
      const rsKey = { alg: 'RS256' as const, publicKey, kid: 'jitsi/ws-1' };
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
      expect(() => verifyJitsiToken(none, rsKey, expected)).toThrow('algorithm none not allowed');
      const hsHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'jitsi/ws-1' })).toString(
        'base64url',
      );
      const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const forged = `${hsHeader}.${p}.${createHmac('sha256', publicPem).update(`${hsHeader}.${p}`).digest('base64url')}`;
      expect(() => verifyJitsiToken(forged, rsKey, expected)).toThrow('algorithm HS256 not allowed');
      expect(() => verifyJitsiToken(jwt, { ...rsKey, kid: 'other' }, expected)).toThrow('unknown key id');
    });
  });
});
