import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router, type RequestHandler } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { createStore } from '../db/store.js';
import type { Actor } from '../domain/actor.js';
import type { HealthProbe } from '../domain/ports/health.js';
import { createApp, type AppDeps } from './app.js';
import type { Auth } from './auth/index.js';

const admin: Actor = {
  userId: null,
  subject: 'kc-admin',
  username: 'admin',
  displayName: 'Admin',
  tenantId: null,
  tenantRole: null,
  platformAdmin: true,
};

const actorOfHeader: Auth['actorOf'] = (req) =>
  Promise.resolve(
    req.headers['x-test-actor'] === 'admin'
      ? admin
      : req.headers['x-test-actor'] === 'member'
        ? { ...admin, subject: 'kc-member', platformAdmin: false, tenantId: 't1', tenantRole: 'member' as const }
        : undefined,
  );

/** Sign-in stand-in: the header X-Test-Actor: admin makes the request a platform admin's. */
const fakeAuth: Auth = {
  session: ((req, res, next) => {
    if (req.get('x-test-actor') === 'admin') {
      res.locals.actor = admin;
      res.locals.session = { actor: admin, csrfToken: 'csrf' };
    }
    next();
  }) as RequestHandler,
  csrf: (_req, _res, next) => next(),
  routes: Router(),
  actorOf: actorOfHeader,
  activeActorOf: actorOfHeader,
};

const probe = (part: string, health: Awaited<ReturnType<HealthProbe['check']>>): HealthProbe => ({
  part,
  check: () => Promise.resolve(health),
});

/** The app as main.ts builds it, with fakes for everything outside; `deps` overrides. */
function testAppDeps(db: Db, overrides: Partial<AppDeps> = {}): AppDeps {
  const store = createStore(db);
  const unused = {} as never;
  return {
    logger: pino({ level: 'silent' }),
    probes: [probe('database', { status: 'up', latencyMs: 1 })],
    readinessTimeoutMs: 1000,
    matrixHsToken: 'h'.repeat(32),
    clientDistDir: undefined,
    connectSources: ['http://matrix.example'],
    auth: fakeAuth,
    store,
    chat: unused,
    identity: unused,
    chatDevices: unused,
    publicUrl: 'http://localhost:3000',
    chatClient: {
      homeserverUrl: 'http://matrix.example',
      serverName: 'example',
      identityProviderId: 'oidc',
      serviceUserId: '@bot:example',
    },
    meetings: {
      tokens: null,
      guestLinkKey: 'g'.repeat(32),
      guestCallsPerMinute: 100,
      calendar: { invitation: () => '' },
    },
    documents: {
      store,
      storage: unused,
      sniffer: unused,
      defaultMaxUploadBytes: 1024,
      liveTexts: null,
      textRenderer: unused,
    },
    documentActions: {
      store,
      files: null,
      converter: unused,
      texts: unused,
      publicUrl: 'http://localhost:3000',
      wopi: { store, files: unused, publicUrl: 'http://localhost:3000', tokens: null, maxUploadBytes: 1024 },
    } as AppDeps['documentActions'],
    ...overrides,
  };
}

async function listen(deps: AppDeps): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the app', () => {
  let db: Db;
  let dist: string;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'app-test-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="de"></html>');
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
    ({ base, close } = await listen(testAppDeps(db, { clientDistDir: dist })));
  });

  afterAll(async () => {
    await close();
    await db.destroy();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (p: string, signedIn = false) =>
    fetch(`${base}${p}`, { headers: signedIn ? { 'x-test-actor': 'admin' } : {} });

  describe('content security policy', () => {
    const directives = (csp: string) =>
      new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name = '', ...sources]) => [name, sources]),
      );

    it('allows fonts and styles from our own origin only, not from any https: host', async () => {
      const csp = directives((await get('/some/deep/link')).headers.get('content-security-policy') ?? '');
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // The editor (TipTap) puts its own <style> element into the page.
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('font-src')).toEqual(["'self'"]);
      for (const [name, sources] of csp) expect(sources, name).not.toContain('https:');
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('connect-src')).toEqual(["'self'", 'http://matrix.example']);
    });

    it('names the Jitsi deployment for scripts and frames when meetings are configured', async () => {
      const meetingDb = openDatabase('sqlite::memory:');
      await migrateToLatest(meetingDb);
      const withJitsi = await listen(testAppDeps(meetingDb, { meetingOrigin: 'https://meet.example.org' }));
      try {
        const response = await fetch(`${withJitsi.base}/api/client-config`);
        const csp = directives(response.headers.get('content-security-policy') ?? '');
        expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'https://meet.example.org']);
        expect(csp.get('frame-src')).toEqual(["'self'", 'https://meet.example.org']);
        expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      } finally {
        await withJitsi.close();
        await meetingDb.destroy();
      }
    });
  });

  describe('the client config', () => {
    it('names the installation’s legal pages in the client config, and none when they are not given', async () => {
      const legalDb = openDatabase('sqlite::memory:');
      await migrateToLatest(legalDb);
      const legal = {
        imprintUrl: 'https://www.example.de/impressum',
        privacyPolicyUrl: 'https://www.example.de/datenschutz',
        accessibilityContactEmail: 'barrierefreiheit@example.de',
      };
      const withLegal = await listen(testAppDeps(legalDb, { legal }));
      try {
        expect(
          ((await (await fetch(`${withLegal.base}/api/client-config`)).json()) as { legal: unknown }).legal,
        ).toEqual(legal);
        expect(((await (await get('/api/client-config')).json()) as { legal: unknown }).legal).toEqual({
          imprintUrl: null,
          privacyPolicyUrl: null,
          accessibilityContactEmail: null,
        });
      } finally {
        await withLegal.close();
        await legalDb.destroy();
      }
    });
  });

  describe('the client address behind proxies', () => {
    /** Two calls of a public route (limited to one per address and minute) from two forwarded addresses. */
    async function secondCallLimited(trustProxy: AppDeps['trustProxy']): Promise<boolean> {
      const proxyDb = openDatabase('sqlite::memory:');
      await migrateToLatest(proxyDb);
      const deps = testAppDeps(proxyDb, { trustProxy });
      const app = await listen({ ...deps, meetings: { ...deps.meetings, guestCallsPerMinute: 1 } });
      try {
        const call = (address: string) =>
          fetch(`${app.base}/api/guest/${'x'.repeat(43)}`, { headers: { 'x-forwarded-for': address } });
        expect((await call('203.0.113.1')).status).not.toBe(429);
        return (await call('203.0.113.2')).status === 429;
      } finally {
        await app.close();
        await proxyDb.destroy();
      }
    }

    it('ignores X-Forwarded-For by default, also from loopback', async () => {
      expect(await secondCallLimited(undefined)).toBe(true);
      expect(await secondCallLimited(false)).toBe(true);
    });

    it('takes the address from X-Forwarded-For through the configured hops or proxy addresses', async () => {
      expect(await secondCallLimited(1)).toBe(false);
      expect(await secondCallLimited(['127.0.0.1/8'])).toBe(false);
      expect(await secondCallLimited(['10.0.0.0/8'])).toBe(true);
    });
  });

  describe('readiness', () => {
    const operatorToken = 'o'.repeat(40);
    async function readyz(as: 'admin' | 'member' | undefined, headers: Record<string, string> = {}) {
      const readyDb = openDatabase('sqlite::memory:');
      await migrateToLatest(readyDb);
      const app = await listen(
        testAppDeps(readyDb, {
          probes: [
            probe('database', { status: 'up', latencyMs: 2 }),
            probe('synapse', { status: 'down', latencyMs: 5, detail: 'connect ECONNREFUSED 10.1.2.3:8008' }),
          ],
          operatorToken,
        }),
      );
      try {
        const response = await fetch(`${app.base}/readyz`, {
          headers: { ...(as ? { 'x-test-actor': as } : {}), ...headers },
        });
        return { status: response.status, headers: response.headers, text: await response.text() };
      } finally {
        await app.close();
        await readyDb.destroy();
      }
    }

    it('tells anyone only whether the workspace is ready', async () => {
      for (const as of [undefined, 'member'] as const) {
        const response = await readyz(as);
        expect(response.status, as).toBe(503);
        expect(JSON.parse(response.text), as).toEqual({ status: 'not-ready' });
        expect(response.text).not.toContain('ECONNREFUSED');
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      const ready = await get('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    });

    it("shows monitoring every part with the operator's key, and nothing more with a wrong one", async () => {
      const keyed = await readyz(undefined, { Authorization: `Bearer ${operatorToken}` });
      expect(keyed.status).toBe(503);
      expect(JSON.parse(keyed.text)).toMatchObject({ status: 'not-ready', checks: { synapse: { status: 'down' } } });
      for (const key of ['o'.repeat(39), 'p'.repeat(40), '']) {
        const wrong = await readyz(undefined, { Authorization: `Bearer ${key}` });
        expect(JSON.parse(wrong.text), key).toEqual({ status: 'not-ready' });
      }
    });

    it('shows a platform admin every part with its latency and reason', async () => {
      const response = await readyz('admin');
      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual({
        status: 'not-ready',
        checks: {
          database: { status: 'up', latencyMs: 2 },
          synapse: { status: 'down', latencyMs: 5, detail: 'connect ECONNREFUSED 10.1.2.3:8008' },
        },
      });
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('vary')).toContain('Cookie');
    });
  });

  describe('caching', () => {
    it('lets no cache keep an API answer of a signed-in person', async () => {
      const tenants = await get('/api/tenants', true);
      expect(tenants.status).toBe(200);
      expect(tenants.headers.get('cache-control')).toBe('no-store');
    });

    it('lets no cache keep the API’s problems either, signed in or not', async () => {
      const missing = await get('/api/nothing-here', true);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('cache-control')).toBe('no-store');
      const anonymous = await get('/api/tenants');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('cache-control')).toBe('no-store');
    });

    it('keeps the caching of public things: the OpenAPI document, the client config, built assets', async () => {
      for (const p of ['/api/openapi.json', '/api/client-config']) {
        const response = await get(p);
        expect(response.status, p).toBe(200);
        expect(response.headers.get('cache-control') ?? '', p).not.toContain('no-store');
      }
      const asset = await get('/assets/main-abc123.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });
  });
});
