import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { migrateToLatest, openDatabase, type Db } from '../../db/database.js';
import { sessionDeviceRepository, sessionStore } from '../../db/sessionRepository.js';
import { createStore } from '../../db/store.js';
import {
  SignInError,
  type CompleteSignInChecks,
  type LogoutNotice,
  type PendingSignIn,
  type SignInProvider,
  type SignInTokens,
  type SignedInIdentity,
  type StartSignInOptions,
} from '../../domain/ports/signIn.js';
import {
  SessionManager,
  defaultSessionSettings,
  type SessionSettings,
} from '../../commands/sessions/sessionManager.js';
import { TokenCipher, sha256 } from '../../commands/sessions/tokenCipher.js';

const MINUTE = 60_000;
const settings: SessionSettings = {
  ...defaultSessionSettings,
  idleMs: 30 * MINUTE,
  absoluteMs: 10 * 60 * MINUTE,
  platformAdminRole: 'platform-admin',
  secondFactorAcr: 'mfa',
};

/** A provider that issues numbered tokens; the test decides what refresh does. */
class FakeProvider implements SignInProvider {
  issued = 0;
  refreshes = 0;
  refreshResult: (() => Promise<SignInTokens>) | undefined;
  identity: SignedInIdentity = {
    subject: 'sub-bernd',
    providerSessionId: 'sid-1',
    username: 'bernd.beispiel',
    displayName: 'Bernd Beispiel',
    roles: ['default-roles-workspace'],
    acr: 'mfa',
  };
  lastChecks: CompleteSignInChecks | undefined;
  /** The acr each sign-in asked for. */
  askedAcr: (string | undefined)[] = [];

  constructor(private readonly clock: () => number) {}

  startSignIn(options: StartSignInOptions): Promise<PendingSignIn> {
    this.askedAcr.push(options.acr);
    this.issued += 1;
    const n = this.issued;
    return Promise.resolve({
      authorizationUrl: `https://idp.example/auth?state=state-${n}`,
      state: `state-${n}`,
      nonce: `nonce-${n}`,
      codeVerifier: `verifier-${n}`,
    });
  }

  completeSignIn(_url: URL, checks: CompleteSignInChecks) {
    this.lastChecks = checks;
    return Promise.resolve({ ...this.tokens('first'), identity: this.identity });
  }

  refresh(refreshToken: string): Promise<SignInTokens> {
    this.refreshes += 1;
    if (this.refreshResult) return this.refreshResult();
    return Promise.resolve({ ...this.tokens(`after-${refreshToken}`), identity: this.identity });
  }

  endSessionUrl(): Promise<string> {
    return Promise.resolve('https://idp.example/logout');
  }

  /** What the next verified logout token says; none: every token is refused. */
  logoutNotice: LogoutNotice | undefined;

  verifyLogoutToken(): Promise<LogoutNotice> {
    return this.logoutNotice ? Promise.resolve(this.logoutNotice) : Promise.reject(new Error('not used'));
  }

  tokens(label: string): SignInTokens {
    return {
      accessToken: `access-${label}`,
      refreshToken: `refresh-${label}`,
      idToken: `id-${label}`,
      accessTokenExpiresAt: this.clock() + 5 * MINUTE,
      identity: undefined,
    };
  }
}

describe('SessionManager', () => {
  let db: Db;
  let clock: number;
  let provider: FakeProvider;
  let sessions: SessionManager;
  const cipher = new TokenCipher('x'.repeat(32));
  const now = () => clock;
  /** A session manager on the test's database; a second one stands for another replica. */
  const manager = () =>
    new SessionManager({
      sessions: sessionStore(db),
      store: createStore(db),
      provider,
      cipher,
      logger: pino({ level: 'silent' }),
      settings,
      now,
    });

  beforeEach(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    clock = 1_700_000_000_000;
    provider = new FakeProvider(now);
    sessions = manager();
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function signIn(previousCookieValue?: string, options: { secondFactor?: boolean } = {}) {
    const started = await sessions.startSignIn({
      browserBinding: undefined,
      returnTo: '/rooms',
      redirectUri: 'https://ws.example/auth/callback',
      ...options,
    });
    const state = new URL(started.authorizationUrl).searchParams.get('state')!;
    const outcome = await sessions.completeSignIn({
      callbackUrl: new URL(`https://ws.example/auth/callback?code=c&state=${state}`),
      browserBinding: started.browserBinding,
      previousCookieValue,
    });
    if (outcome.kind !== 'signed-in') throw new Error(`not signed in: ${JSON.stringify(outcome)}`);
    return outcome;
  }

  async function addPerson(fields: {
    subject: string | null;
    status?: 'active' | 'deactivated';
    role?: 'member' | 'tenant-admin';
  }) {
    await db
      .insertInto('tenants')
      .values({
        id: 't1',
        slug: 'demo',
        name: 'Demo',
        email_domains: '[]',
        status: 'active',
        sync: 'done',
        sync_error: null,
        keycloak_org_id: null,
        matrix_space_id: null,
        created_at: clock,
        updated_at: clock,
        archived_at: null,
      })
      .execute();
    await db
      .insertInto('people')
      .values({
        id: 'p1',
        tenant_id: 't1',
        username: 'bernd.beispiel',
        email: 'bernd@demo.example',
        first_name: 'Bernd',
        last_name: 'Beispiel',
        role: fields.role ?? 'member',
        status: fields.status ?? 'active',
        sync: 'done',
        sync_error: null,
        subject: fields.subject,
        matrix_user_id: null,
        created_at: clock,
        updated_at: clock,
      })
      .execute();
  }

  it('creates a session whose id and tokens are not stored as given', async () => {
    const outcome = await signIn();
    expect(outcome.returnTo).toBe('/rooms');
    expect(provider.lastChecks).toEqual({ state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' });
    const rows = await db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.id).toBe(sha256(outcome.cookieValue));
    expect(JSON.stringify(row)).not.toContain(outcome.cookieValue);
    expect(JSON.stringify(row)).not.toContain('access-first');
    expect(JSON.stringify(row)).not.toContain('refresh-first');
    expect(cipher.decrypt(row.access_token, `access_token:${row.id}`)).toBe('access-first');
    // A ciphertext moved to another row does not decrypt.
    expect(cipher.decrypt(row.access_token, `access_token:${sha256('other')}`)).toBeUndefined();
    expect(row).toMatchObject({
      subject: 'sub-bernd',
      provider_session_id: 'sid-1',
      expires_at: clock + settings.absoluteMs,
    });
    const pending = await db.selectFrom('pending_logins').selectAll().execute();
    expect(pending).toHaveLength(0);
  });

  it('always issues a new session id and ends the one from before sign-in', async () => {
    const first = await signIn();
    const second = await signIn(first.cookieValue);
    expect(second.cookieValue).not.toBe(first.cookieValue);
    expect(await sessions.resolve(first.cookieValue)).toEqual({ ended: 'unknown' });
    expect(await sessions.resolve(second.cookieValue)).toHaveProperty('session');
  });

  it('completes a sign-in only in the browser that started it, once, within 10 minutes', async () => {
    const started = await sessions.startSignIn({ browserBinding: undefined, returnTo: '/', redirectUri: 'x' });
    const callbackUrl = new URL('https://ws.example/auth/callback?code=c&state=state-1');
    const other = await sessions.completeSignIn({
      callbackUrl,
      browserBinding: 'A'.repeat(43),
      previousCookieValue: undefined,
    });
    expect(other).toMatchObject({ kind: 'failed', reason: 'no-pending-login' });
    // The failed attempt consumed it: a pending sign-in is single use.
    const again = await sessions.completeSignIn({
      callbackUrl,
      browserBinding: started.browserBinding,
      previousCookieValue: undefined,
    });
    expect(again).toMatchObject({ kind: 'failed', reason: 'no-pending-login' });

    const late = await sessions.startSignIn({
      browserBinding: started.browserBinding,
      returnTo: '/',
      redirectUri: 'x',
    });
    expect(late.browserBinding).toBe(started.browserBinding);
    clock += 10 * MINUTE + 1;
    const expired = await sessions.completeSignIn({
      callbackUrl: new URL('https://ws.example/auth/callback?code=c&state=state-2'),
      browserBinding: started.browserBinding,
      previousCookieValue: undefined,
    });
    expect(expired).toMatchObject({ kind: 'failed', reason: 'expired' });
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const { cookieValue } = await signIn();
    clock += 29 * MINUTE;
    expect(await sessions.resolve(cookieValue)).toHaveProperty('session');
    clock += 29 * MINUTE; // 29 minutes after the last use
    expect(await sessions.resolve(cookieValue)).toHaveProperty('session');
    clock += 30 * MINUTE + 1;
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'idle' });
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'unknown' });
  });

  it('records activity at most every 30 seconds', async () => {
    const { cookieValue } = await signIn();
    const lastSeen = async () =>
      (await db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at;
    const start = clock;
    clock += 10_000;
    await sessions.resolve(cookieValue);
    expect(await lastSeen()).toBe(start);
    clock += 25_000;
    await sessions.resolve(cookieValue);
    expect(await lastSeen()).toBe(clock);
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    provider.refreshResult = () => Promise.resolve(provider.tokens('renewed'));
    const { cookieValue } = await signIn();
    // Used every 20 minutes for 9 h 40 min…
    for (let step = 1; step < 30; step += 1) {
      clock += 20 * MINUTE;
      expect(await sessions.resolve(cookieValue)).toHaveProperty('session');
    }
    // …and over at 10 h.
    clock += 20 * MINUTE;
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'expired' });
  });

  it('refreshes the tokens only shortly before the access token expires, once for concurrent requests', async () => {
    const { cookieValue } = await signIn();
    clock += 3 * MINUTE + 59_000; // expires in 61 s
    await sessions.resolve(cookieValue);
    expect(provider.refreshes).toBe(0);
    clock += 2_000; // expires in 59 s
    const results = await Promise.all([sessions.resolve(cookieValue), sessions.resolve(cookieValue)]);
    expect(results.every((r) => 'session' in r)).toBe(true);
    expect(provider.refreshes).toBe(1);
    const row = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(cipher.decrypt(row.refresh_token!, `refresh_token:${row.id}`)).toBe('refresh-after-refresh-first');
    expect(row.access_expires_at).toBe(clock + 5 * MINUTE);
    // A session lives past the access token's lifetime through refreshes.
    clock += 5 * MINUTE;
    expect(await sessions.resolve(cookieValue)).toHaveProperty('session');
    expect(provider.refreshes).toBe(2);
  });

  it('ends the session when the provider refuses the refresh, keeps it while the provider is down', async () => {
    const { cookieValue } = await signIn();
    clock += 4 * MINUTE + 30_000;
    provider.refreshResult = () => Promise.reject(new SignInError('unavailable', 'connection refused'));
    expect(await sessions.resolve(cookieValue)).toHaveProperty('session');
    provider.refreshResult = () => Promise.reject(new SignInError('session-ended', 'HTTP 400: invalid_grant'));
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'provider-ended' });
    expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('takes platform admin from the provider roles, updated on refresh', async () => {
    const { cookieValue, session } = await signIn();
    expect(session.actor).toEqual({
      userId: null,
      subject: 'sub-bernd',
      username: 'bernd.beispiel',
      displayName: 'Bernd Beispiel',
      tenantId: null,
      tenantRole: null,
      platformAdmin: false,
    });
    provider.identity = { ...provider.identity, roles: ['platform-admin'] };
    clock += 5 * MINUTE;
    const resolved = await sessions.resolve(cookieValue);
    expect('session' in resolved && resolved.session.actor.platformAdmin).toBe(true);
  });

  it('never matches a sign-in to a person by username: only the subject provisioning linked counts', async () => {
    // A person of the same name whose account provisioning has not (or could not) link: the
    // sign-in is someone else's account of that name, and gets neither their tenant nor their role.
    await addPerson({ subject: null });
    const { session } = await signIn();
    expect(session.actor).toMatchObject({ userId: null, tenantId: null, tenantRole: null });
    const person = await db.selectFrom('people').select('subject').executeTakeFirstOrThrow();
    expect(person.subject).toBeNull();
  });

  it('takes tenant and role from the person linked to the subject, and records platform admin there', async () => {
    await addPerson({ subject: 'sub-bernd' });
    const { session } = await signIn();
    expect(session.actor).toMatchObject({ userId: 'p1', tenantId: 't1', tenantRole: 'member', platformAdmin: false });
    const flag = async () =>
      (await db.selectFrom('people').select('platform_admin').executeTakeFirstOrThrow()).platform_admin;
    expect(await flag()).toBe(0);
    provider.identity = { ...provider.identity, roles: ['platform-admin'] };
    await signIn();
    expect(await flag()).toBe(1);
  });

  it('grants a tenant admin the role only in a session signed in with the second factor, and asks for it once', async () => {
    await addPerson({ subject: 'sub-bernd', role: 'tenant-admin' });
    provider.identity = { ...provider.identity, acr: '1' };
    const first = await signIn();
    expect(provider.askedAcr).toEqual([undefined]);
    expect(first.session.actor).toMatchObject({ tenantId: 't1', tenantRole: 'member', platformAdmin: false });
    expect(first.session.secondFactor).toEqual({ used: false, missing: 'tenant-admin' });
    expect(first.stepUp).toBe(true);

    // The step-up asks for the second factor; a provider that still answers without it leaves the
    // session as it is and is not asked again (no loop between the workspace and the provider).
    const again = await signIn(first.cookieValue, { secondFactor: true });
    expect(provider.askedAcr).toEqual([undefined, 'mfa']);
    expect(again.session.actor.tenantRole).toBe('member');
    expect(again.stepUp).toBe(false);

    provider.identity = { ...provider.identity, acr: 'mfa' };
    const confirmed = await signIn(again.cookieValue, { secondFactor: true });
    expect(confirmed.session.actor).toMatchObject({ tenantId: 't1', tenantRole: 'tenant-admin' });
    expect(confirmed.session.secondFactor).toEqual({ used: true, missing: null });
    expect(confirmed.stepUp).toBe(false);
    const resolved = await sessions.resolve(confirmed.cookieValue);
    expect('session' in resolved && resolved.session.actor.tenantRole).toBe('tenant-admin');
    // The first session keeps what it had: the confirmation belongs to the new session only.
    expect(await sessions.resolve(first.cookieValue)).toEqual({ ended: 'unknown' });
  });

  it('grants platform admin only with the second factor; a member needs none', async () => {
    provider.identity = { ...provider.identity, acr: '1', roles: ['platform-admin'] };
    const admin = await signIn();
    expect(admin.session.actor.platformAdmin).toBe(false);
    expect(admin.session.secondFactor.missing).toBe('platform-admin');
    expect(admin.stepUp).toBe(true);

    await addPerson({ subject: 'sub-bernd' });
    provider.identity = { ...provider.identity, roles: [] };
    const member = await signIn();
    expect(member.session.actor).toMatchObject({ tenantId: 't1', tenantRole: 'member' });
    expect(member.session.secondFactor).toEqual({ used: false, missing: null });
    expect(member.stepUp).toBe(false);
  });

  it('takes the tenant from a session without second factor once the tenant requires it of everybody', async () => {
    await addPerson({ subject: 'sub-bernd' });
    provider.identity = { ...provider.identity, acr: '1' };
    const { cookieValue } = await signIn();
    await db
      .insertInto('tenant_policies')
      .values({ tenant_id: 't1', meetings: 1, guests: 1, recording: 0, second_factor: 1, updated_at: clock })
      .execute();
    const resolved = await sessions.resolve(cookieValue);
    if (!('session' in resolved)) throw new Error('session ended');
    expect(resolved.session.actor).toMatchObject({ userId: 'p1', tenantId: null, tenantRole: null });
    expect(resolved.session.secondFactor).toEqual({ used: false, missing: 'tenant-policy' });

    const next = await signIn(cookieValue);
    expect(next.stepUp).toBe(true);
    provider.identity = { ...provider.identity, acr: 'mfa' };
    const confirmed = await signIn(next.cookieValue, { secondFactor: true });
    expect(confirmed.session.actor).toMatchObject({ tenantId: 't1', tenantRole: 'member' });
  });

  it('refuses a deactivated person and ends their session once they are deactivated', async () => {
    await addPerson({ subject: 'sub-bernd' });
    const { cookieValue } = await signIn();
    await db.updateTable('people').set({ status: 'deactivated' }).execute();
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'deactivated' });

    const started = await sessions.startSignIn({ browserBinding: undefined, returnTo: '/', redirectUri: 'x' });
    const state = new URL(started.authorizationUrl).searchParams.get('state')!;
    const outcome = await sessions.completeSignIn({
      callbackUrl: new URL(`https://ws.example/auth/callback?code=c&state=${state}`),
      browserBinding: started.browserBinding,
      previousCookieValue: undefined,
    });
    expect(outcome).toMatchObject({ kind: 'denied', person: { id: 'p1', status: 'deactivated' } });
    expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('ends the sessions a back-channel logout names: by sid, or all of the subject', async () => {
    const a = await signIn();
    provider.identity = { ...provider.identity, providerSessionId: 'sid-2' };
    const b = await signIn();
    expect(await sessions.endFromProvider({ subject: 'sub-bernd', providerSessionId: 'sid-1' })).toHaveLength(1);
    expect(await sessions.resolve(a.cookieValue)).toEqual({ ended: 'unknown' });
    expect(await sessions.resolve(b.cookieValue)).toHaveProperty('session');
    await signIn();
    expect(await sessions.endFromProvider({ subject: 'sub-bernd', providerSessionId: null })).toHaveLength(2);
    expect(await sessions.endFromProvider({ subject: 'nobody', providerSessionId: 'sid-2' })).toHaveLength(0);
  });

  it('ends the person’s other sessions whose provider session is gone too, when a logout names only one', async () => {
    let live: string[] | undefined = ['sid-3'];
    const scheduled: Array<{ task: () => Promise<void>; delayMs: number }> = [];
    const runScheduled = async () => {
      for (const { task } of scheduled.splice(0)) await task();
    };
    const reconciling = new SessionManager({
      sessions: sessionStore(db),
      store: createStore(db),
      provider,
      providerSessions: {
        liveSessionIds: () => (live ? Promise.resolve(live) : Promise.reject(new Error('Keycloak is down'))),
      },
      schedule: (task, delayMs) => scheduled.push({ task, delayMs }),
      cipher,
      logger: pino({ level: 'silent' }),
      settings,
      now,
    });
    const signed = [];
    for (const sid of ['sid-1', 'sid-2', 'sid-3']) {
      provider.identity = { ...provider.identity, providerSessionId: sid };
      signed.push(await signIn());
    }
    // The provider ended sid-1 and sid-2 and named sid-1; sid-3 (where the password changed) lives on.
    const ended = await reconciling.endFromProvider({ subject: 'sub-bernd', providerSessionId: 'sid-1' });
    expect(ended.map((session) => session.provider_session_id)).toEqual(['sid-1']);
    // Compared with the provider's sessions only later: it ends the others after this answer.
    expect(scheduled.map((entry) => entry.delayMs)).toEqual([3_000, 15_000]);
    expect(await sessions.resolve(signed[1]!.cookieValue)).toHaveProperty('session');
    await runScheduled();
    expect(await sessions.resolve(signed[0]!.cookieValue)).toEqual({ ended: 'unknown' });
    expect(await sessions.resolve(signed[1]!.cookieValue)).toEqual({ ended: 'unknown' });
    expect(await sessions.resolve(signed[2]!.cookieValue)).toHaveProperty('session');
    const audited = await db
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', 'auth.backchannelLogout')
      .execute();
    expect(audited).toHaveLength(2);
    // When the provider cannot be asked, only the named session ends (the others at their next refresh).
    live = undefined;
    const later = [];
    for (const sid of ['sid-4', 'sid-5']) {
      provider.identity = { ...provider.identity, providerSessionId: sid };
      later.push(await signIn());
    }
    const alone = await reconciling.endFromProvider({ subject: 'sub-bernd', providerSessionId: 'sid-4' });
    expect(alone.map((session) => session.provider_session_id)).toEqual(['sid-4']);
    await runScheduled();
    expect(await sessions.resolve(later[1]!.cookieValue)).toHaveProperty('session');
  });

  it('acts on a back-channel logout token once: a replay is refused, also by another backend on the database', async () => {
    provider.logoutNotice = {
      subject: 'sub-bernd',
      providerSessionId: 'sid-1',
      tokenId: 'https://idp.example jti-1',
      acceptableUntil: clock + 150_000,
    };
    await expect(sessions.verifyLogoutToken('token')).resolves.toMatchObject({ providerSessionId: 'sid-1' });
    await expect(sessions.verifyLogoutToken('token')).rejects.toMatchObject({ reason: 'invalid' });
    const replica = manager();
    await expect(replica.verifyLogoutToken('token')).rejects.toThrow(/replayed/);

    provider.logoutNotice = { ...provider.logoutNotice, tokenId: 'https://idp.example jti-2' };
    await expect(sessions.verifyLogoutToken('token')).resolves.toMatchObject({ subject: 'sub-bernd' });
    // Past their time the records go: the tokens themselves would be refused as too old by then.
    clock += 151_000;
    provider.logoutNotice = {
      ...provider.logoutNotice,
      tokenId: 'https://idp.example jti-3',
      acceptableUntil: clock + 1,
    };
    await sessions.verifyLogoutToken('token');
    expect(await db.selectFrom('seen_logout_tokens').selectAll().execute()).toHaveLength(1);
  });

  it('signs out: the session is gone and its ID token is handed back for the end-session URL', async () => {
    const { cookieValue } = await signIn();
    const ended = await sessions.end(cookieValue);
    expect(ended).toMatchObject({ idToken: 'id-first', ended: { subject: 'sub-bernd' } });
    expect(await sessions.resolve(cookieValue)).toEqual({ ended: 'unknown' });
  });

  it('purges ended sessions and abandoned sign-ins', async () => {
    await signIn();
    await sessions.startSignIn({ browserBinding: undefined, returnTo: '/', redirectUri: 'x' });
    clock += 31 * MINUTE;
    expect(await sessions.purgeExpired()).toEqual({ sessions: 1, pendingLogins: 1 });
  });

  describe('chat devices tied to a session (ADR 0029)', () => {
    const signOutJobs = async () =>
      (
        await db
          .selectFrom('outbox_jobs')
          .select(['kind', 'payload'])
          .where('kind', '=', 'chatDevice.signOut')
          .execute()
      )
        .map((job) => JSON.parse(job.payload) as unknown)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const tie = (sessionId: string, deviceId: string) =>
      sessionDeviceRepository(db).bindChatDevice({ sessionId, matrixUserId: '@bernd:ws.example', deviceId }, clock);
    const device = (deviceId: string) => ({ matrixUserId: '@bernd:ws.example', deviceId });

    it('ties a device once, and not to a session that has ended', async () => {
      const { session } = await signIn();
      expect(await tie(session.id, 'DEV1')).toBe('bound');
      expect(await tie(session.id, 'DEV1')).toBe('unchanged');
      expect(await tie(sha256('no-such-cookie'), 'DEV1')).toBe('no-session');
      expect(await signOutJobs()).toEqual([]);
    });

    it('queues a sign-out of each device however the session ends, and forgets the devices', async () => {
      // Sign-out.
      const signedOut = await signIn();
      await tie(signedOut.session.id, 'OUT1');
      await tie(signedOut.session.id, 'OUT2');
      await sessions.end(signedOut.cookieValue);
      expect(await signOutJobs()).toEqual([device('OUT1'), device('OUT2')]);

      // Back-channel logout.
      provider.identity = { ...provider.identity, providerSessionId: 'sid-bc' };
      const backChannel = await signIn();
      await tie(backChannel.session.id, 'BC');
      await sessions.endFromProvider({ subject: null, providerSessionId: 'sid-bc' });
      expect(await signOutJobs()).toContainEqual(device('BC'));

      // Idle, found at the next request.
      const idle = await signIn();
      await tie(idle.session.id, 'IDLE');
      clock += 31 * MINUTE;
      expect(await sessions.resolve(idle.cookieValue)).toEqual({ ended: 'idle' });
      expect(await signOutJobs()).toContainEqual(device('IDLE'));

      // Idle, found by housekeeping: the browser never comes back.
      const abandoned = await signIn();
      await tie(abandoned.session.id, 'GONE');
      clock += 31 * MINUTE;
      expect(await sessions.purgeExpired()).toMatchObject({ sessions: 1 });
      expect(await signOutJobs()).toContainEqual(device('GONE'));

      // A refresh the provider refuses.
      const refused = await signIn();
      await tie(refused.session.id, 'REFUSED');
      provider.refreshResult = () => Promise.reject(new SignInError('invalid', 'session not active'));
      clock += 5 * MINUTE;
      expect(await sessions.resolve(refused.cookieValue)).toEqual({ ended: 'provider-ended' });
      expect(await signOutJobs()).toContainEqual(device('REFUSED'));

      expect(await signOutJobs()).toHaveLength(6);
      expect(await db.selectFrom('session_chat_devices').selectAll().execute()).toEqual([]);
    });

    it('logs out a device tied to a session that ended meanwhile at the next housekeeping', async () => {
      await db
        .insertInto('session_chat_devices')
        .values({
          session_id: sha256('ended'),
          matrix_user_id: '@bernd:ws.example',
          device_id: 'LATE',
          created_at: clock,
        })
        .execute();
      expect(await sessions.purgeExpired()).toMatchObject({ sessions: 0 });
      expect(await signOutJobs()).toEqual([device('LATE')]);
    });
  });
});
