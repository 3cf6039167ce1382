import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatrixChatRooms, MatrixError } from '../../src/adapters/matrix/index.js';
import { stackEnv } from '../support/stackEnv.js';

// Against the real homeserver of the test stack. Every run uses fresh names, so
// runs never see each other's users and rooms.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

describe('Matrix chat rooms adapter (real Synapse)', () => {
  let chat: MatrixChatRooms;
  let botId: string;

  beforeAll(() => {
    const serverName = stackEnv('MATRIX_SERVER_NAME');
    const senderLocalpart = stackEnv('MATRIX_AS_SENDER_LOCALPART');
    chat = new MatrixChatRooms({
      homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
      serverName,
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
      senderLocalpart,
    });
    botId = `@${senderLocalpart}:${serverName}`;
  });

  const subject = (name: string) => `subject-${run}-${name}`;

  it('ensureUser creates the account once, linked to the sign-in, and returns the same id again', async () => {
    const account = { localpart: `erika.${run}`, displayName: 'Erika Mustermann', subject: subject('erika') };
    const first = await chat.ensureUser(account);
    const second = await chat.ensureUser(account);
    expect(first).toBe(chat.userIdFor(`erika.${run}`));
    expect(second).toBe(first);
    expect(await chat.findAccount(`erika.${run}`)).toEqual({
      userId: first,
      linkedSubjects: [subject('erika')],
      deactivated: false,
    });
  });

  it('ensureUser brings an existing account’s display name up to date, without a profile lookup', async () => {
    // The homeserver answers profiles only to people who share a room (ADR 0028); the bot shares none with Rita.
    const account = { localpart: `rita.${run}`, displayName: 'Rita Alt', subject: subject('rita') };
    const user = await chat.ensureUser(account);
    await chat.ensureUser({ ...account, displayName: 'Rita Neu' });
    const response = await fetch(
      `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v2/users/${encodeURIComponent(user)}`,
      { headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}` } },
    );
    expect(((await response.json()) as { displayname?: string }).displayname).toBe('Rita Neu');
  });

  it('never hands out the bot, or an account linked to another sign-in, and changes neither', async () => {
    const bot = stackEnv('MATRIX_AS_SENDER_LOCALPART');
    const botBefore = await chat.findAccount(bot);
    await expect(chat.ensureUser({ localpart: bot, subject: subject('bot') })).rejects.toMatchObject({
      details: { code: 'account-clash', system: 'synapse' },
    });
    expect(await chat.findAccount(bot)).toEqual(botBefore);

    await chat.ensureUser({ localpart: `owned.${run}`, displayName: 'Erste Person', subject: subject('first') });
    await expect(
      chat.ensureUser({ localpart: `owned.${run}`, displayName: 'Zweite Person', subject: subject('second') }),
    ).rejects.toMatchObject({ details: { code: 'account-clash' } });
    expect((await chat.findAccount(`owned.${run}`))?.linkedSubjects).toEqual([subject('first')]);
  });

  it('refuses an account someone else made, and links one the workspace recorded before sign-ins were linked', async () => {
    // An operator's account, made through the admin API without any sign-in link.
    const operator = chat.userIdFor(`operator.${run}`);
    const made = await fetch(
      `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v2/users/${encodeURIComponent(operator)}`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayname: 'Betrieb' }),
      },
    );
    expect(made.status).toBe(201);
    await expect(chat.ensureUser({ localpart: `operator.${run}`, subject: subject('op') })).rejects.toMatchObject({
      details: { code: 'account-clash' },
    });
    expect((await chat.findAccount(`operator.${run}`))?.linkedSubjects).toEqual([]);

    // An account earlier versions made (linked to no sign-in) is linked only when the workspace's
    // records name it as this person's.
    const earlier = chat.userIdFor(`legacy.${run}`);
    const legacy = await fetch(
      `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v2/users/${encodeURIComponent(earlier)}`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayname: 'Frühere Version' }),
      },
    );
    expect(legacy.status).toBe(201);
    await expect(chat.ensureUser({ localpart: `legacy.${run}`, subject: subject('legacy') })).rejects.toMatchObject({
      details: { code: 'account-clash' },
    });
    await chat.ensureUser({ localpart: `legacy.${run}`, subject: subject('legacy'), recorded: true });
    expect(await chat.findAccount(`legacy.${run}`)).toMatchObject({ linkedSubjects: [subject('legacy')] });
  });

  it("the service's token cannot log in as a person or register one: its namespace is its bot alone", async () => {
    const person = await chat.ensureUser({ localpart: `nina.${run}`, displayName: 'Nina', subject: subject('nina') });
    const asService = (path: string, body: unknown) =>
      fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${stackEnv('MATRIX_AS_TOKEN')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await asService('/login', {
      type: 'm.login.application_service',
      identifier: { type: 'm.id.user', user: person },
    });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(((await login.json()) as { access_token?: string }).access_token).toBeUndefined();
    const register = await asService('/register', {
      type: 'm.login.application_service',
      username: `planted.${run}`,
      inhibit_login: true,
    });
    expect(register.status).toBeGreaterThanOrEqual(400);
    expect(await chat.findAccount(`planted.${run}`)).toBeUndefined();
  });

  it('maps user names onto localparts the way an OIDC login does', async () => {
    const id = await chat.ensureUser({ localpart: `Max.Müller.${run}`, subject: subject('max') });
    expect(id).toBe(`@max.m=c3=bcller.${run}:${stackEnv('MATRIX_SERVER_NAME')}`);
  });

  it('ensureRoom creates an encrypted private room once per key', async () => {
    const key = `team-${run}`;
    expect(await chat.findRoomByKey(key)).toBeUndefined();

    const roomId = await chat.ensureRoom({
      key,
      name: 'Referat 12 – Haushalt',
      topic: 'Abstimmung zum Haushaltsentwurf',
      encrypted: true,
    });
    const state = await chat.getRoomState(roomId);
    expect(state).toMatchObject({
      roomId,
      name: 'Referat 12 – Haushalt',
      topic: 'Abstimmung zum Haushaltsentwurf',
      encrypted: true,
      guestsForbidden: true,
    });
    expect(state.members).toContainEqual({ userId: botId, membership: 'join' });

    expect(await chat.ensureRoom({ key, name: 'Anderer Name', encrypted: true })).toBe(roomId);
    expect(await chat.findRoomByKey(key)).toBe(roomId);
  });

  it('ensureRoom called concurrently with one key yields one room', async () => {
    const key = `Race/${run}`;
    // A second adapter instance stands for a second backend process.
    const other = new MatrixChatRooms({
      homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
    });
    const ids = await Promise.all(
      [chat, chat, other, other].map((c) => c.ensureRoom({ key, name: 'Wettlauf', encrypted: true })),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await chat.findRoomByKey(key)).toBe(ids[0]);
  });

  describe('membership and power levels', () => {
    let roomId: string;
    let userId: string;

    beforeAll(async () => {
      userId = await chat.ensureUser({
        localpart: `jonas.${run}`,
        displayName: 'Jonas Beispiel',
        subject: subject('jonas'),
      });
      roomId = await chat.ensureRoom({ key: `members-${run}`, name: 'Mitglieder', encrypted: true });
    });

    it('invites and joins a user, both safe to repeat', async () => {
      await chat.invite(roomId, userId);
      await chat.invite(roomId, userId);
      expect((await chat.getRoomState(roomId)).members).toContainEqual({ userId, membership: 'invite' });

      await chat.join(roomId, userId);
      await chat.join(roomId, userId);
      await chat.invite(roomId, userId);
      expect((await chat.getRoomState(roomId)).members).toContainEqual({ userId, membership: 'join' });
    });

    it('sets a user power level and leaves the bot at the top', async () => {
      await chat.setUserPowerLevels(roomId, { [userId]: 50 });
      await chat.setUserPowerLevels(roomId, { [userId]: 50 });
      const state = await chat.getRoomState(roomId);
      expect(state.userPowerLevels[userId]).toBe(50);
      expect(state.userPowerLevels[botId]).toBe(100);

      await chat.setUserPowerLevels(roomId, { [botId]: 100 });
      await expect(chat.setUserPowerLevels(roomId, { [botId]: 0 })).rejects.toMatchObject({
        errcode: 'M_FORBIDDEN',
        retryable: false,
      });
    });

    it('kicks a user, safe to repeat', async () => {
      await chat.kick(roomId, userId, 'Abordnung beendet');
      await chat.kick(roomId, userId);
      expect((await chat.getRoomState(roomId)).members).toContainEqual({ userId, membership: 'leave' });
    });
  });

  it('reports a missing room as a non-retryable MatrixError', async () => {
    const error: unknown = await chat
      .getRoomState(`!missing${run}:${stackEnv('MATRIX_SERVER_NAME')}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatrixError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as MatrixError).status).toBeGreaterThanOrEqual(400);
    expect((error as MatrixError).message).not.toContain(stackEnv('MATRIX_AS_TOKEN'));
  });

  it('check() is up on the real homeserver', async () => {
    const health = await chat.check();
    expect(health.status).toBe('up');
    expect(health.detail).toBeUndefined();
    expect(chat.part).toBe('synapse');
  });

  const adapterAt = (homeserverUrl: string): MatrixChatRooms =>
    new MatrixChatRooms({
      homeserverUrl,
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
      timeoutMs: 2000,
    });

  it('check() is down with a useful detail against http://127.0.0.1:1', async () => {
    // Port 1 is one fetch refuses outright (fetch standard's blocked ports).
    const health = await adapterAt('http://127.0.0.1:1').check();
    expect(health.status).toBe('down');
    expect(health.detail).toContain('http://127.0.0.1:1');
    expect(health.detail).toContain('blocked port');
    expect(health.detail).not.toContain(stackEnv('MATRIX_AS_TOKEN'));
  });

  it('check() is down with "connection refused" when nothing listens', async () => {
    const closedPort = await freePort();
    const unreachable = adapterAt(`http://127.0.0.1:${closedPort}`);
    const health = await unreachable.check();
    expect(health.status).toBe('down');
    expect(health.detail).toContain(`connection refused at http://127.0.0.1:${closedPort}`);

    const error: unknown = await unreachable.findRoomByKey('anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatrixError);
    expect(error).toMatchObject({ status: undefined, errcode: 'NETWORK_ERROR', retryable: true });
    expect((error as MatrixError).message).not.toContain(stackEnv('MATRIX_AS_TOKEN'));
  });

  it('check() is down with the HTTP status when something else answers', async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(502).end('Bad Gateway');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const health = await adapterAt(`http://127.0.0.1:${port}`).check();
      expect(health).toMatchObject({ status: 'down' });
      expect(health.detail).toContain('HTTP 502');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** A port that was free a moment ago and has nothing listening on it now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
