import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OidcSignIn } from '../../src/adapters/oidc/index.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { SessionManager, defaultSessionSettings } from '../../src/commands/sessions/sessionManager.js';
import { TokenCipher } from '../../src/commands/sessions/tokenCipher.js';
import { sessionStore } from '../../src/db/sessionRepository.js';
import { createStore } from '../../src/db/store.js';
import { createAuth, requireActor, SignInRateLimiter, type Auth } from '../../src/http/auth/index.js';
import { errorHandler, notFound } from '../../src/http/problem.js';
import { requestId } from '../../src/http/requestId.js';
import { KeycloakTestAdmin, fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';

// The session logic with real Keycloak tokens, in a backend assembled here from
// the same parts as main.ts, on its own database and with a clock the test moves:
// idle and absolute lifetimes, refresh grants and people rows without waiting hours.
// Keycloak redirects to the stack's registered callback URL; signIn() hands the
// callback to this backend instead.

const MINUTE = 60_000;

interface Harness {
  url: string;
  db: Db;
  auth: Pick<Auth, 'actorOf' | 'activeActorOf'>;
  advance: (ms: number) => void;
  close: () => Promise<void>;
}

async function startHarness(options: { rateLimitPerMinute?: number } = {}): Promise<Harness> {
  const publicUrl = stackEnv('PUBLIC_URL');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-auth-'));
  const db = openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
  await migrateToLatest(db);
  let offset = 0;
  const now = () => Date.now() + offset;
  const logger = pino({ level: 'silent' });
  const sessions = new SessionManager({
    sessions: sessionStore(db),
    store: createStore(db),
    logger,
    now,
    cipher: new TokenCipher(stackEnv('SESSION_SECRET')),
    provider: new OidcSignIn({
      issuer: `${stackEnv('KEYCLOAK_URL')}/realms/${stackEnv('KEYCLOAK_REALM')}`,
      clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
      clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
      now,
    }),
    settings: {
      ...defaultSessionSettings,
      idleMs: 30 * MINUTE,
      absoluteMs: 10 * 60 * MINUTE,
      platformAdminRole: 'platform-admin',
      secondFactorAcr: '2',
    },
  });
  const auth = createAuth({
    sessions,
    publicUrl,
    logger,
    rateLimiter: new SignInRateLimiter({ limit: options.rateLimitPerMinute ?? 1000, windowMs: MINUTE, now }),
  });
  const app = express();
  app.use(requestId);
  app.use(express.json());
  app.use(auth.session, auth.csrf, auth.routes);
  app.get('/api/probe', requireActor, (_req, res) => {
    res.json(res.locals.actor);
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    db,
    auth,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function probe(session: SignedIn): Promise<number> {
  const response = await fetchAs(session, '/api/probe');
  await response.body?.cancel();
  return response.status;
}

async function addPerson(
  db: Db,
  username: string,
  status: 'active' | 'deactivated',
  subject: string | null,
): Promise<void> {
  const at = Date.now();
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirst();
  if (tenant === undefined) {
    await db
      .insertInto('tenants')
      .values({
        id: 'tenant-demo',
        slug: 'demo',
        name: 'Demo-Behörde',
        email_domains: '["demo.example"]',
        status: 'active',
        sync: 'done',
        sync_error: null,
        keycloak_org_id: null,
        matrix_space_id: null,
        created_at: at,
        updated_at: at,
        archived_at: null,
      })
      .execute();
  }
  await db
    .insertInto('people')
    .values({
      id: `person-${username}`,
      tenant_id: 'tenant-demo',
      username,
      email: `${username}@demo.example`,
      first_name: 'Test',
      last_name: username,
      role: 'member',
      status,
      sync: 'done',
      sync_error: null,
      subject,
      matrix_user_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describe('sessions with real Keycloak tokens and a moving clock', () => {
  let harness: Harness;
  let publicUrl: string;
  const signIn = (username: string) => signInDemo(username, harness.url, { publicUrl });

  beforeAll(async () => {
    publicUrl = stackEnv('PUBLIC_URL');
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('requireActor lets a valid session through and answers 401 to a forged or ended one', async () => {
    const bernd = await signIn('bernd.beispiel');
    expect(await probe(bernd)).toBe(200);

    const forged = await fetch(`${harness.url}/api/probe`, { headers: { Cookie: `ws_session=${'x'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await forged.json()).toMatchObject({ title: 'Unauthorized', status: 401 });

    expect((await fetchAs(bernd, '/auth/logout', { method: 'POST' })).status).toBe(200);
    expect(await probe(bernd)).toBe(401);
  });

  it('ends a session left idle for longer than 30 minutes', async () => {
    const bernd = await signIn('bernd.beispiel');
    harness.advance(29 * MINUTE);
    expect(await probe(bernd)).toBe(200);
    harness.advance(29 * MINUTE);
    expect(await probe(bernd)).toBe(200);
    harness.advance(30 * MINUTE + 1000);
    expect(await probe(bernd)).toBe(401);
  });

  it('re-checks of open sockets validate a session without keeping it alive; an edit over a socket does', async () => {
    const bernd = await signIn('bernd.beispiel');
    const socket = { headers: { cookie: bernd.cookie } };
    harness.advance(20 * MINUTE);
    expect((await harness.auth.actorOf(socket))?.username).toBe('bernd.beispiel');
    harness.advance(11 * MINUTE); // 31 minutes since the last request, re-checked in between
    expect(await harness.auth.actorOf(socket)).toBeUndefined();
    expect(await probe(bernd)).toBe(401);

    const gabi = await signIn('gabi.gast');
    const editor = { headers: { cookie: gabi.cookie } };
    harness.advance(20 * MINUTE);
    expect((await harness.auth.activeActorOf(editor))?.username).toBe('gabi.gast');
    harness.advance(20 * MINUTE); // 40 minutes since the request, 20 since the edit
    expect((await harness.auth.actorOf(editor))?.username).toBe('gabi.gast');
    expect(await probe(gabi)).toBe(200);
    expect((await fetchAs(gabi, '/auth/logout', { method: 'POST' })).status).toBe(200);
  });

  it('a request the page made by itself (marked background) validates without renewing', async () => {
    const bernd = await signIn('bernd.beispiel');
    const background = async () => {
      const response = await fetchAs(bernd, '/api/probe', { headers: { 'X-Workspace-Activity': 'background' } });
      await response.body?.cancel();
      return response.status;
    };
    harness.advance(20 * MINUTE);
    expect(await background()).toBe(200);
    harness.advance(11 * MINUTE); // 31 minutes since the person's last request
    expect(await background()).toBe(401);
  });

  it('keeps a session past the access token lifetime with a real refresh grant', async () => {
    const bernd = await signIn('bernd.beispiel');
    const before = await harness.db
      .selectFrom('sessions')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    harness.advance(4 * MINUTE + 30_000); // Keycloak's access tokens live 5 minutes.
    expect(await probe(bernd)).toBe(200);
    const after = await harness.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_expires_at).toBeGreaterThan(before.access_expires_at);
    harness.advance(10 * MINUTE);
    expect(await probe(bernd)).toBe(200);
  });

  it('ends the session at the next refresh once Keycloak has ended its session', async () => {
    const gabi = await signIn('gabi.gast');
    const admin = new KeycloakTestAdmin();
    for (const session of await admin.sessions(await admin.userId('gabi.gast'))) await admin.endSession(session.id);
    expect(await probe(gabi)).toBe(200); // access token still fresh: no call to Keycloak
    harness.advance(5 * MINUTE);
    expect(await probe(gabi)).toBe(401);
  });

  it('ends a session at its absolute lifetime of 10 hours however busy it is', async () => {
    const paula = await signIn('paula.plattform');
    for (let step = 1; step < 30; step += 1) {
      harness.advance(20 * MINUTE);
      expect(await probe(paula)).toBe(200);
    }
    harness.advance(20 * MINUTE);
    expect(await probe(paula)).toBe(401);
  });

  it('takes tenant and role from the row linked to the subject, never from a row that only shares the name', async () => {
    // A row of the same name that provisioning has not linked belongs to no sign-in yet.
    await addPerson(harness.db, 'amelie.admin', 'active', null);
    const unlinked = await signIn('amelie.admin');
    expect(unlinked.actor).toMatchObject({ userId: null, tenantId: null, tenantRole: null });
    const row = () =>
      harness.db
        .selectFrom('people')
        .select('subject')
        .where('username', '=', 'amelie.admin')
        .executeTakeFirstOrThrow();
    expect((await row()).subject).toBeNull();

    await harness.db
      .updateTable('people')
      .set({ subject: unlinked.actor.subject })
      .where('username', '=', 'amelie.admin')
      .execute();
    const amelie = await signIn('amelie.admin');
    expect(amelie.actor).toMatchObject({
      userId: 'person-amelie.admin',
      tenantId: 'tenant-demo',
      tenantRole: 'member',
      platformAdmin: false,
    });
  });

  it('refuses a deactivated person at sign-in and audits it', async () => {
    await addPerson(harness.db, 'gabi.gast', 'deactivated', await new KeycloakTestAdmin().userId('gabi.gast'));
    await expect(signIn('gabi.gast')).rejects.toThrow(/ended at .*\/\?signin=denied/);
    expect(await harness.db.selectFrom('sessions').selectAll().where('username', '=', 'gabi.gast').execute()).toEqual(
      [],
    );
    const audit = await harness.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.signIn')
      .where('outcome', '=', 'denied')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: 'person-gabi.gast', tenant_id: 'tenant-demo' });
  });
});

describe('rate limit of sign-in', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  it('answers 429 with Retry-After once an address has used up its sign-ins for the minute', async () => {
    harness = await startHarness({ rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await fetch(`${harness.url}/auth/login`, { redirect: 'manual' });
      statuses.push(last.status);
      if (i < 5) await last.body?.cancel();
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The callback counts separately, so a sign-in under way can still finish.
    const callback = await fetch(`${harness.url}/auth/callback?state=x&code=y`, { redirect: 'manual' });
    expect(callback.status).toBe(303);
    harness.advance(MINUTE);
    expect((await fetch(`${harness.url}/auth/login`, { redirect: 'manual' })).status).toBe(303);
  });
});
