import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { KeycloakTestAdmin, fetchAs, signInDemo } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';

// Sign-in, sessions, CSRF and logout of the backend the stack runs, against the real Keycloak.

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

async function sessionState(cookie: string, baseUrl: string): Promise<{ authenticated: boolean }> {
  const response = await fetch(`${baseUrl}/api/session`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as { authenticated: boolean };
}

async function waitUntilSignedOut(cookie: string, baseUrl: string, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (!(await sessionState(cookie, baseUrl)).authenticated) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still signed in after ${withinMs} ms`);
}

describe('sign-in and sessions of the running backend', () => {
  let baseUrl: string;
  let keycloakUrl: string;
  let admin: KeycloakTestAdmin;
  let db: Db;

  beforeAll(() => {
    baseUrl = stackEnv('PUBLIC_URL');
    keycloakUrl = stackEnv('KEYCLOAK_URL');
    admin = new KeycloakTestAdmin();
    db = openDatabase(stackEnv('DATABASE_URL'));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('signs in through Keycloak, sets a new HttpOnly SameSite session cookie and shows the actor', async () => {
    const login = await fetch(`${baseUrl}/auth/login?returnTo=/rooms&lang=en`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${keycloakUrl}/realms/workspace/protocol/openid-connect/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'workspace-backend',
      response_type: 'code',
      redirect_uri: `${baseUrl}/auth/callback`,
      code_challenge_method: 'S256',
      ui_locales: 'en',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(name)).toMatch(/.{20,}/);
    expect(login.headers.getSetCookie().join()).toMatch(/^ws_login=[^;]+;.*HttpOnly.*SameSite=Lax/i);

    const paula = await signInDemo('paula.plattform');
    expect(paula.setCookie).toMatch(/^ws_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(paula.actor).toMatchObject({
      username: 'paula.plattform',
      displayName: 'Paula Plattform',
      platformAdmin: true,
    });
    expect(paula.actor.subject).toBe(await admin.userId('paula.plattform'));
    expect(paula.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const bernd = await signInDemo('bernd.beispiel');
    expect(bernd.actor).toMatchObject({ username: 'bernd.beispiel', platformAdmin: false });

    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.signIn')
      .where('actor_name', '=', 'Bernd Beispiel')
      .execute();
    expect(audit.at(-1)).toMatchObject({ outcome: 'success', target_type: 'session' });
  });

  it('issues a new session id at sign-in and ends the one the browser held before', async () => {
    const first = await signInDemo('gabi.gast');
    const second = await signInDemo('gabi.gast', undefined, { sessionCookie: first.cookie.split('=')[1]! });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await sessionState(first.cookie, baseUrl)).authenticated).toBe(false);
    expect((await sessionState(second.cookie, baseUrl)).authenticated).toBe(true);

    // A cookie the backend never issued counts for nothing and is cleared.
    const planted = 'ws_session=' + 'A'.repeat(43);
    const response = await fetch(`${baseUrl}/api/session`, { headers: { Cookie: planted } });
    expect(await response.json()).toEqual({ authenticated: false });
    expect(response.headers.getSetCookie().join()).toMatch(/ws_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('refuses writes of a session without the CSRF token or from another origin', async () => {
    const bernd = await signInDemo('bernd.beispiel');
    const withoutToken = await fetchAs(bernd, '/api/anything', { method: 'POST', headers: { 'X-CSRF-Token': '' } });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const wrongToken = await fetchAs(bernd, '/api/anything', { method: 'DELETE', headers: { 'X-CSRF-Token': 'x' } });
    expect(wrongToken.status).toBe(403);

    const otherOrigin = await fetchAs(bernd, '/api/anything', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(otherOrigin.status).toBe(403);
    expect(((await otherOrigin.json()) as { detail: string }).detail).toMatch(/cross-origin/i);

    const logoutWithoutToken = await fetchAs(bernd, '/auth/logout', {
      method: 'POST',
      headers: { 'X-CSRF-Token': '' },
    });
    expect(logoutWithoutToken.status).toBe(403);
    expect((await sessionState(bernd.cookie, baseUrl)).authenticated).toBe(true);

    // With token and our origin the request passes the check (and finds no such route).
    const allowed = await fetchAs(bernd, '/api/anything', { method: 'POST', body: '{}' });
    expect(allowed.status).toBe(404);
  });

  it('signs out: the session ends and the answer names Keycloak end-session URL', async () => {
    const gabi = await signInDemo('gabi.gast');
    const userId = await admin.userId('gabi.gast');
    const response = await fetchAs(gabi, '/auth/logout', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toMatch(/ws_session=;/);
    const { redirect } = (await response.json()) as { redirect: string };
    const url = new URL(redirect);
    expect(url.origin + url.pathname).toBe(`${keycloakUrl}/realms/workspace/protocol/openid-connect/logout`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${baseUrl}/`);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await sessionState(gabi.cookie, baseUrl)).authenticated).toBe(false);

    // The browser follows it: Keycloak ends its session and sends it back home.
    const { sid } = decodeJwt(url.searchParams.get('id_token_hint')!);
    expect((await admin.sessions(userId)).map((session) => session.id)).toContain(sid);
    const atKeycloak = await fetch(redirect, { redirect: 'manual' });
    expect(atKeycloak.status).toBe(302);
    expect(atKeycloak.headers.get('location')).toBe(`${baseUrl}/`);
    expect((await admin.sessions(userId)).map((session) => session.id)).not.toContain(sid);

    const audit = await db
      .selectFrom('audit_events')
      .select(['outcome'])
      .where('action', '=', 'auth.signOut')
      .where('actor_id', '=', gabi.actor.userId ?? gabi.actor.subject)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('ends the backend session within 5 s when the Keycloak session is ended (back-channel logout)', async () => {
    const gabi = await signInDemo('gabi.gast');
    const userId = await admin.userId('gabi.gast');
    const sessions = await admin.sessions(userId);
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) await admin.endSession(session.id);
    const tookMs = await waitUntilSignedOut(gabi.cookie, baseUrl, 5000);
    console.info(`back-channel logout: backend session gone ${tookMs} ms after the Keycloak session was ended`);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.backchannelLogout')
      .orderBy('at', 'desc')
      .executeTakeFirst();
    expect(audit).toMatchObject({ outcome: 'success', actor_name: 'identity provider' });
    const details = JSON.parse(audit!.details) as { subject: string; sid: string };
    expect(details.subject).toBe(userId);
    expect(sessions.map((session) => session.id)).toContain(details.sid);
  });

  it("acts on Keycloak's own logout token once: a replay of it is refused", async () => {
    // Keycloak's back-channel call goes to a listener of ours for a moment, so the test holds a real token.
    let captured: (token: string) => void = () => undefined;
    const token = new Promise<string>((resolve) => (captured = resolve));
    const listener = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        captured(new URLSearchParams(body).get('logout_token') ?? '');
        res.end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const client = (
      (await admin.call('GET', '/clients?clientId=workspace-backend')) as {
        id: string;
        attributes: Record<string, string>;
      }[]
    )[0]!;
    const original = client.attributes['backchannel.logout.url'];
    // Earlier sessions end the usual way first: the one token captured is the new session's.
    const userId = await admin.userId('bernd.beispiel');
    for (const session of await admin.sessions(userId)) await admin.endSession(session.id);
    const bernd = await signInDemo('bernd.beispiel');
    let logoutToken: string;
    try {
      const port = (listener.address() as AddressInfo).port;
      await admin.call('PUT', `/clients/${client.id}`, {
        ...client,
        attributes: { ...client.attributes, 'backchannel.logout.url': `http://127.0.0.1:${port}/` },
      });
      for (const session of await admin.sessions(userId)) await admin.endSession(session.id);
      logoutToken = await token;
    } finally {
      await admin.call('PUT', `/clients/${client.id}`, {
        ...client,
        attributes: { ...client.attributes, 'backchannel.logout.url': original },
      });
      listener.close();
    }
    // What Keycloak sends (ADR 0023): an explicitly typed token with a jti.
    expect(decodeProtectedHeader(logoutToken).typ).toBe('logout+jwt');
    expect(decodeJwt(logoutToken)).toMatchObject({
      jti: expect.any(String) as string,
      events: { [BACKCHANNEL_EVENT]: {} },
    });
    expect((await sessionState(bernd.cookie, baseUrl)).authenticated).toBe(true);

    const deliver = () =>
      fetch(`${baseUrl}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: logoutToken }).toString(),
      });
    expect((await deliver()).status).toBe(200);
    expect((await sessionState(bernd.cookie, baseUrl)).authenticated).toBe(false);
    const replayed = await deliver();
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses logout tokens that are missing, malformed or not signed by Keycloak', async () => {
    const post = (body: string) =>
      fetch(`${baseUrl}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('')).status).toBe(400);
    expect((await post('logout_token=not-a-jwt')).status).toBe(400);

    // Every claim right, but signed with a key of our own.
    const bernd = await signInDemo('bernd.beispiel');
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ events: { [BACKCHANNEL_EVENT]: {} }, sid: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`${keycloakUrl}/realms/workspace`)
      .setAudience('workspace-backend')
      .setSubject(bernd.actor.subject)
      .setIssuedAt()
      .setJti('forged-1')
      .sign(privateKey);
    const refused = await post(`logout_token=${forged}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await sessionState(bernd.cookie, baseUrl)).authenticated).toBe(true);
  });
});
