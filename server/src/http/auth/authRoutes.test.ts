import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../db/database.js';
import type {
  LogoutNotice,
  PendingSignIn,
  SignInProvider,
  SignInTokens,
  StartSignInOptions,
} from '../../domain/ports/signIn.js';
import { errorHandler } from '../problem.js';
import { createAuth } from './authRoutes.js';
import { SignInRateLimiter } from './signInRateLimiter.js';
import { SessionManager, defaultSessionSettings } from '../../commands/sessions/sessionManager.js';
import { TokenCipher } from '../../commands/sessions/tokenCipher.js';
import { sessionStore } from '../../db/sessionRepository.js';
import { createStore } from '../../db/store.js';

/** A provider that signs in a platform admin at once, with the second factor unless told otherwise. */
class FakeProvider implements SignInProvider {
  constructor(readonly acr: string) {}

  startSignIn(options: StartSignInOptions): Promise<PendingSignIn> {
    const asked = options.acr === undefined ? '' : `&acr_values=${options.acr}`;
    return Promise.resolve({
      authorizationUrl: `https://idp.example/auth?state=state-1${asked}`,
      state: 'state-1',
      nonce: 'nonce-1',
      codeVerifier: 'verifier-1',
    });
  }

  completeSignIn() {
    return Promise.resolve({
      ...this.tokens(),
      identity: {
        subject: 'sub-admin',
        providerSessionId: 'sid-1',
        username: 'admin',
        displayName: 'Admin',
        roles: ['platform-admin'],
        acr: this.acr,
      },
    });
  }

  refresh(): Promise<SignInTokens> {
    return Promise.reject(new Error('not used'));
  }

  endSessionUrl(): Promise<string> {
    return Promise.resolve('https://idp.example/logout');
  }

  verifyLogoutToken(): Promise<LogoutNotice> {
    return Promise.reject(new Error('not used'));
  }

  tokens(): SignInTokens {
    return {
      accessToken: 'access',
      refreshToken: 'refresh',
      idToken: 'id',
      accessTokenExpiresAt: Date.now() + 5 * 60_000,
      identity: undefined,
    };
  }
}

describe('the session cookie', () => {
  let db: Db;
  let server: Server | undefined;

  beforeEach(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
  });
  afterEach(async () => {
    if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await db.destroy();
  });

  /** The backend's sign-in routes for a workspace at `publicUrl`, listening on loopback. */
  async function start(publicUrl: string, acr = 'mfa'): Promise<string> {
    const logger = pino({ level: 'silent' });
    const sessions = new SessionManager({
      sessions: sessionStore(db),
      store: createStore(db),
      provider: new FakeProvider(acr),
      cipher: new TokenCipher('x'.repeat(32)),
      logger,
      settings: {
        ...defaultSessionSettings,
        idleMs: 30 * 60_000,
        absoluteMs: 60 * 60_000,
        platformAdminRole: 'platform-admin',
        secondFactorAcr: 'mfa',
      },
    });
    const auth = createAuth({
      sessions,
      publicUrl,
      logger,
      rateLimiter: new SignInRateLimiter({ limit: 100, windowMs: 60_000 }),
    });
    const app = express();
    app.use(auth.session, auth.csrf, auth.routes);
    app.use(errorHandler(logger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Signs in through /auth/login and /auth/callback; the session cookie as set, its name=value, and where to next. */
  async function signIn(base: string): Promise<{ setCookie: string; pair: string; location: string | null }> {
    const login = await fetch(`${base}/auth/login`, { redirect: 'manual' });
    const binding =
      login.headers
        .getSetCookie()
        .find((c) => /^(__Secure-)?ws_login=/.test(c))
        ?.split(';')[0] ?? '';
    const callback = await fetch(`${base}/auth/callback?code=c&state=state-1`, {
      redirect: 'manual',
      headers: { cookie: binding },
    });
    expect(callback.status).toBe(303);
    const setCookie = callback.headers.getSetCookie().find((c) => /^(__Host-)?ws_session=/.test(c)) ?? '';
    return { setCookie, pair: setCookie.split(';')[0] ?? '', location: callback.headers.get('location') };
  }

  const session = async (base: string, cookie: string) =>
    ((await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as { authenticated: boolean })
      .authenticated;

  it('is __Host-ws_session over HTTPS: Secure, Path=/, no Domain; the plain name is not read there', async () => {
    const base = await start('https://ws.example.org');
    const { setCookie, pair } = await signIn(base);
    expect(setCookie).toMatch(/^__Host-ws_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(await session(base, pair)).toBe(true);
    expect(await session(base, pair.replace(/^__Host-/, ''))).toBe(false);
  });

  it('binds a sign-in with __Secure-ws_login over HTTPS; the plain name is not read there', async () => {
    const base = await start('https://ws.example.org');
    const login = await fetch(`${base}/auth/login`, { redirect: 'manual' });
    const set = login.headers.getSetCookie().find((c) => c.includes('ws_login=')) ?? '';
    expect(set).toMatch(
      /^__Secure-ws_login=[^;]+; Max-Age=\d+; Path=\/auth; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
    );
    const value = set.split(';')[0]!.replace(/^__Secure-ws_login=/, '');
    const callback = await fetch(`${base}/auth/callback?code=c&state=state-1`, {
      redirect: 'manual',
      headers: { cookie: `ws_login=${value}` },
    });
    expect(callback.headers.get('location')).toBe('/?signin=failed');
    expect(callback.headers.getSetCookie().some((c) => c.includes('ws_session=') && !c.includes('ws_session=;'))).toBe(
      false,
    );
  });

  it('keeps ws_login over plain HTTP, without Secure', async () => {
    const base = await start('http://localhost:3000');
    const login = await fetch(`${base}/auth/login`, { redirect: 'manual' });
    expect(login.headers.getSetCookie().find((c) => c.includes('ws_login='))).toMatch(
      /^ws_login=[^;]+; Max-Age=\d+; Path=\/auth; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );
  });

  it('tells the browser on sign-out to drop its cache and the site’s storage, not all cookies of the domain', async () => {
    const base = await start('https://ws.example.org');
    const { pair } = await signIn(base);
    const state = (await (await fetch(`${base}/api/session`, { headers: { cookie: pair } })).json()) as {
      csrfToken: string;
    };
    const logout = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { cookie: pair, 'x-csrf-token': state.csrfToken, origin: 'https://ws.example.org' },
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('clear-site-data')).toBe('"cache", "storage"');
    expect(await session(base, pair)).toBe(false);
    // Also when there was no session any more: the page may still hold the last one's data.
    const again = await fetch(`${base}/auth/logout`, { method: 'POST' });
    expect(again.headers.get('clear-site-data')).toBe('"cache", "storage"');
  });

  it('stays ws_session over plain HTTP (development and the test stacks), without Secure', async () => {
    const base = await start('http://localhost:3000');
    const { setCookie, pair } = await signIn(base);
    expect(setCookie).toMatch(/^ws_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(await session(base, pair)).toBe(true);
  });

  it('sends an admin signed in without the second factor on to the provider to ask for it', async () => {
    const base = await start('http://localhost:3000', '1');
    const { pair, location } = await signIn(base);
    expect(location).toBe('https://idp.example/auth?state=state-1&acr_values=mfa');
    const state = (await (await fetch(`${base}/api/session`, { headers: { cookie: pair } })).json()) as {
      actor: { platformAdmin: boolean };
      secondFactor: unknown;
    };
    expect(state.actor.platformAdmin).toBe(false);
    expect(state.secondFactor).toEqual({ used: false, missing: 'platform-admin' });
  });

  it('sends an admin signed in with the second factor home', async () => {
    const base = await start('http://localhost:3000');
    const { pair, location } = await signIn(base);
    expect(location).toBe('/');
    const state = (await (await fetch(`${base}/api/session`, { headers: { cookie: pair } })).json()) as {
      actor: { platformAdmin: boolean };
    };
    expect(state.actor.platformAdmin).toBe(true);
  });
});
