import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import { provisioningHandlers } from '../../src/commands/provisioning/provisioningHandlers.js';
import { jobKinds } from '../../src/domain/jobs/catalog.js';
import { openDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import type { IdentityDirectory } from '../../src/domain/ports/identity.js';
import { TcpProxy } from '../support/tcpProxy.js';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, provisionedTenantWithAdmin, type PersonBody } from '../support/tenantsApi.js';

// Meetings against the real stack. The test stack is configured for a Jitsi
// deployment that does not exist (JITSI_DOMAIN meet.test.invalid): tokens are
// checked here by their signature, as Prosody would, with the shared secret.
type Json = Record<string, unknown>;

interface TokenBody {
  domain: string;
  roomName: string;
  jwt: string;
  expiresAt: string;
  moderator: boolean;
}
interface MeetingBody {
  available: boolean;
  reason: string | null;
  domain: string | null;
  roomName: string | null;
  running: boolean;
  waiting?: { admissionId: string; displayName: string; since: string }[];
  abilities: Record<string, boolean>;
}
interface LinkBody {
  id: string;
  name: string;
  url: string;
  state: string;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: string;
}

/** Checks an HS256 token with node:crypto alone and returns its claims. */
function verified(jwt: string, room: string): Json {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Json;
  expect(header.alg).toBe('HS256');
  const mac = createHmac('sha256', stackEnv('JITSI_APP_SECRET')).update(`${h}.${p}`).digest();
  const signature = Buffer.from(s, 'base64url');
  expect(mac.length === signature.length && timingSafeEqual(mac, signature)).toBe(true);
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Json;
  const now = Math.floor(Date.now() / 1000);
  expect(claims).toMatchObject({
    iss: stackEnv('JITSI_APP_ID'),
    aud: 'jitsi',
    sub: stackEnv('JITSI_DOMAIN').replace(/:\d+$/, ''),
    room,
  });
  expect(claims.exp as number).toBeGreaterThan(now);
  expect(claims.exp as number).toBeLessThanOrEqual(now + 10 * 60 + 5);
  expect(claims.nbf as number).toBeLessThanOrEqual(now);
  const user = (claims.context as { user: Json }).user;
  for (const value of Object.values(user)) expect(typeof value).toBe('string');
  return claims;
}

const post = (s: SignedIn, path: string, body?: unknown) =>
  fetchAs(s, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

interface MeetingNoticeField {
  roomId: string;
  event: string;
  by?: string;
  participants?: string[];
}

/** Notices the workspace's bot posted in a Matrix room, oldest first, read as the bot. */
async function notices(matrixRoomId: string): Promise<{ body: string; meeting: MeetingNoticeField | undefined }[]> {
  const url = new URL(
    `${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/rooms/${encodeURIComponent(matrixRoomId)}/messages`,
  );
  url.searchParams.set('dir', 'b');
  url.searchParams.set('limit', '100');
  url.searchParams.set('filter', JSON.stringify({ types: ['m.room.message'] }));
  const response = await fetch(url, { headers: { Authorization: `Bearer ${stackEnv('MATRIX_AS_TOKEN')}` } });
  const body = (await response.json()) as {
    chunk: { content: { msgtype?: string; body?: string; 'de.arbeitsbereich.meeting'?: MeetingNoticeField } }[];
  };
  return body.chunk
    .filter((e) => e.content.msgtype === 'm.notice')
    .map((e) => ({ body: e.content.body ?? '', meeting: e.content['de.arbeitsbereich.meeting'] }))
    .reverse();
}

describe('meetings', () => {
  let owner: SignedIn; // bernd.beispiel, a member of the tenant, owns the room
  let admin: SignedIn; // amelie.admin, a plain member of the room
  let guest: SignedIn; // gabi.gast, a guest of the room
  let tenantId: string;
  let roomId: string;
  let base: string;

  beforeAll(async () => {
    [owner, admin, guest] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
    ]);
    tenantId = owner.actor.tenantId!;
    const room = await json<{ id: string }>(
      await post(owner, `/api/tenants/${tenantId}/rooms`, {
        name: `Besprechungsraum ${randomBytes(3).toString('hex')}`,
      }),
      201,
    );
    roomId = room.id;
    base = `/api/tenants/${tenantId}/rooms/${roomId}`;
    for (const [who, role] of [
      [admin, 'member'],
      [guest, 'guest'],
    ] as const) {
      const r = await fetchAs(owner, `${base}/members/${who.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      });
      expect(r.status).toBe(204);
    }
  }, 120_000);

  it('publishes the Jitsi domain in the client configuration', async () => {
    const config = await json<{ meetings: { domain: string | null } }>(
      await fetch(`${stackEnv('WORKSPACE_URL')}/api/client-config`),
      200,
    );
    expect(config.meetings.domain).toBe(stackEnv('JITSI_DOMAIN'));
  });

  it('gives members tokens for the room’s meeting; the owner moderates, the others take part', async () => {
    const meeting = await json<MeetingBody>(await fetchAs(owner, `${base}/meeting`), 200);
    expect(meeting).toMatchObject({ available: true, reason: null, domain: stackEnv('JITSI_DOMAIN') });
    expect(meeting.roomName).toMatch(/^ws[0-9a-f]{32}$/);
    expect(meeting.roomName).not.toContain('besprechung');
    expect(meeting.abilities).toMatchObject({
      'meeting.join': true,
      'meeting.moderate': true,
      'guestLink.manage': true,
    });

    const ownerToken = await json<TokenBody>(await post(owner, `${base}/meeting/token`), 200);
    expect(ownerToken).toMatchObject({ domain: stackEnv('JITSI_DOMAIN'), roomName: meeting.roomName, moderator: true });
    const ownerClaims = verified(ownerToken.jwt, meeting.roomName!);
    expect(ownerClaims.moderator).toBe(true);
    expect((ownerClaims.context as { user: Json }).user).toMatchObject({
      id: owner.actor.userId,
      moderator: 'true',
      affiliation: 'owner',
    });
    expect(((ownerClaims.context as { user: Json }).user.email as string).endsWith('@demo.example')).toBe(true);

    // The tenant admin is an ordinary member of this room: no moderation.
    const memberToken = await json<TokenBody>(await post(admin, `${base}/meeting/token`), 200);
    expect(memberToken.moderator).toBe(false);
    expect(verified(memberToken.jwt, meeting.roomName!).moderator).toBe(false);
    // A guest of the room waits until a moderator lets them in, as a link guest does.
    const knocked = await json<{ state: string; admissionId: string; displayName: string }>(
      await post(guest, `${base}/meeting/token`),
      202,
    );
    expect(knocked).toMatchObject({ state: 'waiting', displayName: 'Gabi Gast (Gast)' });
    // Asking again while waiting finds the same request, never a second one.
    expect(await json<{ admissionId: string }>(await post(guest, `${base}/meeting/token`), 202)).toMatchObject({
      admissionId: knocked.admissionId,
    });
    const asked = { admissionId: knocked.admissionId };
    expect((await post(guest, `${base}/meeting/token`, asked)).status).toBe(202);
    // A member's call gets a token whatever it carries; a plain member cannot let the guest in.
    expect((await post(admin, `${base}/meeting/token`, asked)).status).toBe(200);
    expect((await post(admin, `${base}/meeting/waiting/${knocked.admissionId}`, { admit: true })).status).toBe(403);
    expect((await post(owner, `${base}/meeting/waiting/${knocked.admissionId}`, { admit: true })).status).toBe(204);
    const guestToken = await json<TokenBody>(await post(guest, `${base}/meeting/token`, asked), 200);
    expect(guestToken.moderator).toBe(false);
    const guestUser = (verified(guestToken.jwt, meeting.roomName!).context as { user: Json }).user;
    expect(guestUser).toMatchObject({ id: guest.actor.userId, name: 'Gabi Gast (Gast)', moderator: 'false' });
    // Recording is off by default: nobody's token allows it.
    expect((ownerClaims.context as { features: Json }).features).toMatchObject({ recording: 'false' });
  });

  it('refuses people outside the room: 403 if they see it, 404 for another tenant', async () => {
    const open = await json<{ id: string }>(
      await post(admin, `/api/tenants/${tenantId}/rooms`, { name: 'Offener Raum', visibility: 'tenant' }),
      201,
    );
    const r = await post(owner, `/api/tenants/${tenantId}/rooms/${open.id}/meeting/token`);
    expect(r.status).toBe(403);
    const other = await provisionedTenantWithAdmin(
      await signInDemo('paula.plattform'),
      `mt-${randomBytes(3).toString('hex')}`,
    );
    expect((await post(other.admin, `${base}/meeting/token`)).status).toBe(404);
    expect((await fetchAs(other.admin, `${base}/meeting`)).status).toBe(404);
  }, 120_000);

  it('gives a deactivated person no token', async () => {
    const platform = await signInDemo('paula.plattform');
    const local = `d${randomBytes(4).toString('hex')}`;
    const person = await json<PersonBody>(
      await post(platform, `/api/tenants/${tenantId}/people`, {
        email: `${local}@demo.example`,
        firstName: 'Dora',
        lastName: 'Deaktiviert',
        role: 'member',
        username: local,
      }),
      201,
    );
    await eventually(
      async () => json<PersonBody>(await fetchAs(platform, `/api/tenants/${tenantId}/people/${person.id}`), 200),
      (p) => p.sync.state === 'done',
    );
    const keycloak = new KeycloakTestAdmin();
    const password = `Pw-${local}-${Date.now()}`;
    await keycloak.call('PUT', `/users/${await keycloak.userId(local)}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    const dora = await signIn(local, password);
    const put = await fetchAs(owner, `${base}/members/${person.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(put.status).toBe(204);
    expect((await post(dora, `${base}/meeting/token`)).status).toBe(200);
    await json(await post(platform, `/api/tenants/${tenantId}/people/${person.id}/deactivate`), 200);
    // Until the session ends (moments later) the answer is 403; after that, 401. Never a token.
    expect([401, 403]).toContain((await post(dora, `${base}/meeting/token`)).status);
  }, 120_000);

  it('posts a notice into the room’s chat when the meeting starts and when the last one leaves', async () => {
    const events = (s: SignedIn, kind: 'joined' | 'left') => post(s, `${base}/meeting/events`, { kind });
    expect((await events(owner, 'joined')).status).toBe(204);
    expect((await events(admin, 'joined')).status).toBe(204);
    expect((await json<MeetingBody>(await fetchAs(owner, `${base}/meeting`), 200)).running).toBe(true);
    expect((await events(owner, 'left')).status).toBe(204);
    expect((await json<MeetingBody>(await fetchAs(owner, `${base}/meeting`), 200)).running).toBe(true);
    expect((await events(admin, 'left')).status).toBe(204);
    expect((await json<MeetingBody>(await fetchAs(owner, `${base}/meeting`), 200)).running).toBe(false);

    const room = await eventually(
      async () => json<{ matrixRoomId: string | null }>(await fetchAs(owner, base), 200),
      (r) => r.matrixRoomId !== null,
    );
    const posted = await eventually(
      () => notices(room.matrixRoomId!),
      (list) => list.some((n) => n.meeting?.event === 'ended'),
    );
    // Kept in clear by the homeserver, so ids only: the web client shows the names (ADR 0028).
    const started = posted.find((n) => n.meeting?.event === 'started')!;
    expect(started.body).toBe('Eine Besprechung hat begonnen.');
    expect(started.meeting).toEqual({ roomId, event: 'started', by: owner.actor.userId });
    const ended = posted.find((n) => n.meeting?.event === 'ended')!;
    expect(ended.body).toBe('Die Besprechung ist beendet.');
    expect(ended.meeting?.roomId).toBe(roomId);
    expect([...(ended.meeting?.participants ?? [])].sort()).toEqual([owner.actor.userId, admin.actor.userId].sort());
  }, 90_000);

  it('keeps a notice while the homeserver is away and posts it once when it is back', async (ctx) => {
    const url = stackEnv('DATABASE_URL');
    if (!url.startsWith('sqlite:')) ctx.skip();
    const room = await json<{ matrixRoomId: string | null }>(await fetchAs(owner, base), 200);
    const db = openDatabase(url);
    const proxy = new TcpProxy(new URL(stackEnv('MATRIX_HOMESERVER_URL')));
    try {
      await proxy.up();
      await proxy.down();
      const chat = new MatrixChatRooms({
        homeserverUrl: proxy.url,
        serverName: stackEnv('MATRIX_SERVER_NAME'),
        asToken: stackEnv('MATRIX_AS_TOKEN'),
        senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
        timeoutMs: 2000,
      });
      // The notice job alone: identity is never asked.
      const { handlers } = provisioningHandlers({ store: createStore(db), identity: {} as IdentityDirectory, chat });
      const body = `Die Besprechung ist beendet. Probe ${randomBytes(3).toString('hex')}`;
      const payload = { roomId, body, txnId: `t-${randomBytes(6).toString('hex')}` };
      const run = handlers[jobKinds.roomNotice]!;
      const failure = await run(payload).then(
        () => undefined,
        (error: unknown) => error,
      );
      // The outbox keeps a job whose error is retryable (anything not marked otherwise).
      expect(failure).toBeDefined();
      expect((failure as { retryable?: boolean }).retryable).not.toBe(false);
      await proxy.up();
      await run(payload);
      await run(payload); // a job that ran but whose completion was not recorded runs again
      const posted = await notices(room.matrixRoomId!);
      expect(posted.filter((n) => n.body === body)).toHaveLength(1);
    } finally {
      await proxy.down();
      await db.destroy();
    }
  });

  it('lets owners make, list and revoke guest links; a guest waits until a moderator lets them in', async () => {
    // A guest of the room may not; the tenant admin and the owner may.
    expect((await post(guest, `${base}/guest-links`, { name: 'Frau Extern' })).status).toBe(403);
    const link = await json<LinkBody>(await post(owner, `${base}/guest-links`, { name: 'Frau Extern' }), 201);
    expect(link).toMatchObject({ name: 'Frau Extern', state: 'valid', revokedAt: null });
    expect(link.url.startsWith(`${stackEnv('PUBLIC_URL')}/guest/`)).toBe(true);
    const hours = (Date.parse(link.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const secret = link.url.split('/guest/')[1]!;
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(16);

    const listed = await json<{ links: LinkBody[] }>(await fetchAs(owner, `${base}/guest-links`), 200);
    expect(listed.links.find((l) => l.id === link.id)).toMatchObject({ url: link.url, state: 'valid' });

    const publicBase = `${stackEnv('WORKSPACE_URL')}/api/guest/${secret}`;
    const info = await json<Json>(await fetch(publicBase), 200);
    expect(info).toMatchObject({ guestName: 'Frau Extern', tenantName: expect.any(String) as string });
    const knock = (body: Json) =>
      fetch(`${publicBase}/join`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    // The guest asks to enter and waits: no token until a moderator answers.
    const waiting = await json<Json>(await knock({ displayName: 'Erika Extern' }), 202);
    expect(waiting).toMatchObject({ state: 'waiting', displayName: 'Erika Extern (Gast)' });
    expect(waiting).not.toHaveProperty('jwt');
    const admissionId = String(waiting.admissionId);
    expect(await json<Json>(await knock({ displayName: 'Erika Extern', admissionId }), 202)).toMatchObject({
      state: 'waiting',
    });
    // The moderators see the request in the meeting view; a plain member and a room guest do not.
    const seenBy = async (s: SignedIn) =>
      ((await json<MeetingBody>(await fetchAs(s, `${base}/meeting`), 200)).waiting ?? []).map((w) => w.admissionId);
    expect(await seenBy(owner)).toContain(admissionId);
    expect(await seenBy(admin)).toEqual([]);
    expect(await seenBy(guest)).toEqual([]);
    const decide = (s: SignedIn, id: string, admit: boolean) => post(s, `${base}/meeting/waiting/${id}`, { admit });
    expect((await decide(admin, admissionId, true)).status).toBe(403);
    expect((await decide(guest, admissionId, true)).status).toBe(403);
    expect(await json<Json>(await knock({ displayName: 'Erika Extern', admissionId }), 202)).toMatchObject({
      state: 'waiting',
    });

    // The guest's question is held open (a long poll) and answered as soon as the owner lets them in.
    const asked = Date.now();
    const held = knock({ displayName: 'Erika Extern', admissionId, waitSeconds: 20 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await decide(owner, admissionId, true)).status).toBe(204);
    const join = await json<{ state: string; domain: string; roomName: string; jwt: string; displayName: string }>(
      await held,
      200,
    );
    expect(Date.now() - asked).toBeLessThan(10_000);
    // Answered once: a second answer (another moderator's) is refused, and the request leaves the list.
    expect((await decide(owner, admissionId, false)).status).toBe(409);
    expect(await seenBy(owner)).not.toContain(admissionId);
    expect(join.state).toBe('admitted');
    // The name the guest typed, marked as a guest's: nobody passes for a member of the agency.
    expect(join.displayName).toBe('Erika Extern (Gast)');
    const claims = verified(join.jwt, join.roomName);
    const user = (claims.context as { user: Json }).user;
    expect(user).toMatchObject({ name: 'Erika Extern (Gast)', moderator: 'false' });
    expect(user).not.toHaveProperty('email');
    expect(claims.moderator).toBe(false);
    // Let in by the workspace's waiting room already: Jitsi's lobby does not ask a second time.
    expect((claims.context as { features: Json }).features).toMatchObject({ lobby_bypass: true });

    // A declined guest gets no token; another link's request is unknown to this link.
    const second = await json<Json>(await knock({ displayName: 'Max Mogel' }), 202);
    expect((await decide(owner, String(second.admissionId), false)).status).toBe(204);
    const declined = await knock({ displayName: 'Max Mogel', admissionId: String(second.admissionId) });
    expect(declined.status).toBe(403);
    expect(((await declined.json()) as Json).type).toMatch(/admission-declined$/);
    const other = await json<LinkBody>(await post(owner, `${base}/guest-links`, { name: 'Andere' }), 201);
    const otherSecret = other.url.split('/guest/')[1]!;
    const foreign = await fetch(`${stackEnv('WORKSPACE_URL')}/api/guest/${otherSecret}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Erika Extern', admissionId }),
    });
    expect(foreign.status).toBe(404);

    // The knock, the admission and the refusal are in the tenant's audit log.
    for (const action of ['guestLink.knock', 'meeting.admit', 'meeting.decline']) {
      const audit = await json<{ entries: { details: Json }[] }>(
        await fetchAs(admin, `/api/tenants/${tenantId}/audit?action=${action}&limit=20`),
        200,
      );
      expect(
        audit.entries.some(
          (e) => e.details.admissionId === admissionId || e.details.admissionId === second.admissionId,
        ),
      ).toBe(true);
    }

    expect((await fetchAs(owner, `${base}/guest-links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    const revoked = await fetch(publicBase);
    expect(revoked.status).toBe(410);
    expect(revoked.headers.get('content-type')).toContain('application/problem+json');
    expect(((await revoked.json()) as Json).type).toMatch(/guest-link-revoked$/);
    // A revoked link lets nobody in, not even a guest admitted before.
    expect((await knock({ displayName: 'Erika Extern' })).status).toBe(410);
    expect((await knock({ displayName: 'Erika Extern', admissionId })).status).toBe(410);
    expect((await fetch(`${stackEnv('WORKSPACE_URL')}/api/guest/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('gives an expired guest link no token', async (ctx) => {
    const url = stackEnv('DATABASE_URL');
    if (!url.startsWith('sqlite:')) ctx.skip();
    const link = await json<LinkBody>(
      await post(owner, `${base}/guest-links`, { name: 'Herr Spät', expiresInHours: 1 }),
      201,
    );
    // An hour is the shortest lifetime; the clock is moved by ageing the link in the database.
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.prepare('UPDATE guest_links SET expires_at = ? WHERE id = ?').run(Date.now() - 1000, link.id);
    } finally {
      db.close();
    }
    const secret = link.url.split('/guest/')[1]!;
    const response = await fetch(`${stackEnv('WORKSPACE_URL')}/api/guest/${secret}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Herr Spät' }),
    });
    expect(response.status).toBe(410);
    expect(((await response.json()) as Json).type).toMatch(/guest-link-expired$/);
    const listed = await json<{ links: LinkBody[] }>(await fetchAs(owner, `${base}/guest-links`), 200);
    expect(listed.links.find((l) => l.id === link.id)?.state).toBe('expired');
  });

  it('refuses tokens in an archived room with 409', async () => {
    const room = await json<{ id: string }>(
      await post(owner, `/api/tenants/${tenantId}/rooms`, { name: 'Bald archiviert' }),
      201,
    );
    const path = `/api/tenants/${tenantId}/rooms/${room.id}`;
    expect((await post(owner, `${path}/meeting/token`)).status).toBe(200);
    await json(await fetchAs(owner, path, { method: 'DELETE' }), 200);
    expect((await post(owner, `${path}/meeting/token`)).status).toBe(409);
    expect(await json<MeetingBody>(await fetchAs(owner, `${path}/meeting`), 200)).toMatchObject({
      available: false,
      reason: 'archived',
    });
  });

  describe('tenant policy', () => {
    let chef: SignedIn;
    let tenant: string;
    let path: string;

    beforeAll(async () => {
      const other = await provisionedTenantWithAdmin(
        await signInDemo('paula.plattform'),
        `mp-${randomBytes(3).toString('hex')}`,
      );
      chef = other.admin;
      tenant = other.tenant.id;
      const room = await json<{ id: string }>(
        await post(chef, `/api/tenants/${tenant}/rooms`, { name: 'Leitung' }),
        201,
      );
      path = `/api/tenants/${tenant}/rooms/${room.id}`;
    }, 120_000);

    const setPolicy = async (policy: { meetings: boolean; guests: boolean; recording: boolean }) =>
      json<Json>(
        await fetchAs(chef, `/api/tenants/${tenant}/policy`, { method: 'PUT', body: JSON.stringify(policy) }),
        200,
      );

    it('starts with meetings and guests on, recording off', async () => {
      expect(await json<Json>(await fetchAs(chef, `/api/tenants/${tenant}/policy`), 200)).toMatchObject({
        meetings: true,
        guests: true,
        recording: false,
      });
    });

    it('puts recording into moderators’ tokens when allowed', async () => {
      await setPolicy({ meetings: true, guests: true, recording: true });
      const token = await json<TokenBody>(await post(chef, `${path}/meeting/token`), 200);
      const features = (verified(token.jwt, token.roomName).context as { features: Json }).features;
      expect(features).toMatchObject({ recording: 'true', livestreaming: 'true' });
    });

    it('refuses guest links when guests are off, and tokens when meetings are off', async () => {
      await setPolicy({ meetings: true, guests: false, recording: false });
      expect((await post(chef, `${path}/guest-links`, { name: 'X' })).status).toBe(409);
      expect((await post(chef, `${path}/meeting/token`)).status).toBe(200);
      await setPolicy({ meetings: false, guests: true, recording: false });
      expect((await post(chef, `${path}/meeting/token`)).status).toBe(409);
      expect(await json<MeetingBody>(await fetchAs(chef, `${path}/meeting`), 200)).toMatchObject({
        available: false,
        reason: 'disabled-for-tenant',
        roomName: null,
      });
      await setPolicy({ meetings: true, guests: true, recording: false });
    });

    it('records policy changes in the audit log', async () => {
      const audit = await json<{ entries: { action: string; details: Json }[] }>(
        await fetchAs(chef, `/api/tenants/${tenant}/audit?action=tenant.updatePolicy&limit=20`),
        200,
      );
      expect(audit.entries.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('without a Jitsi deployment', () => {
    let bare: BackendRun;

    // A second backend on the same database and sessions, with the JITSI_* settings unset.
    beforeAll(async () => {
      bare = await startBackend({
        DATABASE_URL: stackEnv('DATABASE_URL'),
        PUBLIC_URL: stackEnv('PUBLIC_URL'),
        JITSI_DOMAIN: undefined,
        JITSI_APP_ID: undefined,
        JITSI_APP_SECRET: undefined,
        GUEST_RATE_LIMIT_PER_MINUTE: '3',
      });
      await waitUntilListening(bare);
    });
    afterAll(async () => {
      await bare.stop();
    });

    it('answers 503 with the settings to set, and says so in the meeting and the client configuration', async () => {
      const config = await json<{ meetings: { domain: string | null } }>(
        await fetch(`${bare.url}/api/client-config`),
        200,
      );
      expect(config.meetings.domain).toBeNull();
      const response = await fetch(`${bare.url}${base}/meeting/token`, {
        method: 'POST',
        headers: { Cookie: owner.cookie, 'X-CSRF-Token': owner.csrfToken, Origin: owner.origin },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toContain('JITSI_DOMAIN');
      expect(problem.detail).toContain('JITSI_APP_SECRET');
      const meeting = await json<MeetingBody>(
        await fetch(`${bare.url}${base}/meeting`, { headers: { Cookie: owner.cookie } }),
        200,
      );
      expect(meeting).toMatchObject({ available: false, reason: 'not-configured', domain: null, roomName: null });
    });

    it('limits the public guest-link routes per address', async () => {
      const probe = () => fetch(`${bare.url}/api/guest/${'y'.repeat(43)}`);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await probe()).status);
      expect(statuses.slice(0, 3).every((s) => s === 404 || s === 429)).toBe(true);
      const last = await probe();
      expect(last.status).toBe(429);
      expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
