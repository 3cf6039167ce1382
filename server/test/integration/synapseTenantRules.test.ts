import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { insertWordFile } from '../support/documentFixtures.js';
import { serviceLoginAs, type DeviceWithoutOwner } from '../support/matrixAdmin.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, provisionedTenantWithAdmin } from '../support/tenantsApi.js';

// The workspace's tenant rules kept by Synapse itself (ADR 0028), tried through the raw
// client-server API with people's own access tokens, as anyone with a Matrix client could.

const run = randomBytes(3).toString('hex');

interface MatrixAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A client-server API call with the given access token. */
async function matrix(token: string, method: string, path: string, body?: unknown): Promise<MatrixAnswer> {
  const response = await fetch(`${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

const bot = () => stackEnv('MATRIX_AS_TOKEN');
const matrixIdOf = (username: string) => `@${username}:${stackEnv('MATRIX_SERVER_NAME')}`;
const botUserId = () => matrixIdOf(stackEnv('MATRIX_AS_SENDER_LOCALPART'));

/** The person's membership in a room, as the workspace's bot sees it. */
async function membershipOf(matrixRoomId: string, userId: string): Promise<string | undefined> {
  const answer = await matrix(
    bot(),
    'GET',
    `/rooms/${encodeURIComponent(matrixRoomId)}/state/m.room.member/${encodeURIComponent(userId)}`,
  );
  return answer.status === 200 ? (answer.body.membership as string) : undefined;
}

/** The people a directory search finds for the searcher. */
async function directorySearch(device: DeviceWithoutOwner, term: string): Promise<string[]> {
  const answer = await matrix(device.accessToken, 'POST', '/user_directory/search', { search_term: term, limit: 50 });
  expect(answer.status).toBe(200);
  return (answer.body.results as { user_id: string }[]).map((r) => r.user_id);
}

/** Every m.room.message of a room that the homeserver stores in clear, read as the bot. */
async function clearMessages(matrixRoomId: string): Promise<{ sender: string; content: Record<string, unknown> }[]> {
  const filter = encodeURIComponent(JSON.stringify({ types: ['m.room.message'] }));
  const answer = await matrix(
    bot(),
    'GET',
    `/rooms/${encodeURIComponent(matrixRoomId)}/messages?dir=b&limit=100&filter=${filter}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.chunk as { sender: string; content: Record<string, unknown> }[];
}

describe('the tenant rules in the homeserver', () => {
  let owner: SignedIn; // bernd.beispiel owns the workspace room
  let colleague: SignedIn; // amelie.admin, same tenant, a member of it
  let tenantId: string;
  let roomId: string;
  let matrixRoomId: string;
  let foreignUserId: string; // the first admin of another tenant
  let ownerDevice: DeviceWithoutOwner;
  let foreignDevice: DeviceWithoutOwner;

  beforeAll(async () => {
    [owner, colleague] = await Promise.all([signInDemo('bernd.beispiel'), signInDemo('amelie.admin')]);
    tenantId = owner.actor.tenantId!;
    const platform = await signInDemo('paula.plattform');
    const foreign = await provisionedTenantWithAdmin(platform, `mx${run}`);
    foreignUserId = matrixIdOf(foreign.admin.actor.username);
    roomId = (
      await json<{ id: string }>(
        await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
          method: 'POST',
          body: JSON.stringify({ name: `Regeln ${run}` }),
        }),
        201,
      )
    ).id;
    const put = await fetchAs(owner, `/api/tenants/${tenantId}/rooms/${roomId}/members/${colleague.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(put.status).toBe(204);
    const room = await eventually(
      async () =>
        json<{ matrixRoomId: string | null; sync: { state: string } }>(
          await fetchAs(owner, `/api/tenants/${tenantId}/rooms/${roomId}`),
          200,
        ),
      (r) => r.matrixRoomId !== null && r.sync.state === 'done',
    );
    matrixRoomId = room.matrixRoomId!;
    const ownerId = matrixIdOf(owner.actor.username);
    await eventually(
      () => membershipOf(matrixRoomId, ownerId),
      (m) => m === 'join',
    );
    [ownerDevice, foreignDevice] = await Promise.all([serviceLoginAs(ownerId), serviceLoginAs(foreignUserId)]);
  }, 180_000);

  it('refuses a room or a direct chat a person makes with their own token (403 M_FORBIDDEN)', async () => {
    for (const body of [
      { name: `Eigener Raum ${run}`, preset: 'private_chat' },
      { preset: 'trusted_private_chat', is_direct: true, invite: [foreignUserId] },
    ]) {
      const answer = await matrix(ownerDevice.accessToken, 'POST', '/createRoom', body);
      expect(answer.status).toBe(403);
      expect(answer.body.errcode).toBe('M_FORBIDDEN');
    }
  });

  it('refuses a member’s invite of another tenant’s person into a workspace room (403 M_FORBIDDEN)', async () => {
    const answer = await matrix(ownerDevice.accessToken, 'POST', `/rooms/${encodeURIComponent(matrixRoomId)}/invite`, {
      user_id: foreignUserId,
    });
    expect(answer.status).toBe(403);
    expect(answer.body.errcode).toBe('M_FORBIDDEN');
    expect(await membershipOf(matrixRoomId, foreignUserId)).toBeUndefined();
    // Nor does the outsider get in without an invite.
    const join = await matrix(foreignDevice.accessToken, 'POST', `/join/${encodeURIComponent(matrixRoomId)}`, {});
    expect(join.status).toBe(403);
    expect(await membershipOf(matrixRoomId, foreignUserId)).toBeUndefined();
  });

  it('keeps another tenant’s people out of the user directory, even after trying to share a room', async () => {
    // What a Matrix client could try: a room of one's own with the outsider, who accepts.
    const made = await matrix(ownerDevice.accessToken, 'POST', '/createRoom', { invite: [foreignUserId] });
    if (made.status === 200) {
      await matrix(foreignDevice.accessToken, 'POST', `/join/${encodeURIComponent(made.body.room_id as string)}`, {});
    }
    // The directory answers for people who share a workspace room (so a search can find someone) …
    const colleagueId = matrixIdOf(colleague.actor.username);
    await eventually(
      () => directorySearch(ownerDevice, colleague.actor.username),
      (found) => found.includes(colleagueId),
      30_000,
    );
    // … and never for the other tenant's person, in either direction.
    expect(await directorySearch(ownerDevice, `mx${run}`)).not.toContain(foreignUserId);
    expect(await directorySearch(ownerDevice, 'Leitung')).not.toContain(foreignUserId);
    expect(await directorySearch(foreignDevice, owner.actor.username)).not.toContain(ownerDevice.userId);
  });

  it('answers no profile of another tenant’s person, while colleagues in a shared room stay visible', async () => {
    const profile = (of: string) =>
      matrix(ownerDevice.accessToken, 'GET', `/profile/${encodeURIComponent(of)}/displayname`);
    const shared = await profile(matrixIdOf(colleague.actor.username));
    expect(shared.status).toBe(200);
    expect(shared.body.displayname).toBe(colleague.actor.displayName);
    const outside = await profile(foreignUserId);
    expect(outside.status).toBe(403);
    expect(outside.body.displayname).toBeUndefined();
  });

  describe('the service’s notices', () => {
    let db: Db;
    afterAll(async () => {
      await db?.destroy();
    });

    it('name no document and no participant in clear after a share and a meeting', async () => {
      db = openDatabase(stackEnv('DATABASE_URL'));
      const base = `/api/tenants/${tenantId}/rooms/${roomId}`;
      const name = `Vorlage Personalrat ${run}.docx`;
      const { entryId } = await insertWordFile(createStore(db), {
        tenantId,
        roomId,
        name,
        by: { id: owner.actor.userId!, name: owner.actor.displayName },
      });
      expect((await fetchAs(colleague, `${base}/documents/entries/${entryId}/share`, { method: 'POST' })).status).toBe(
        202,
      );
      const event = (s: SignedIn, kind: 'joined' | 'left') =>
        fetchAs(s, `${base}/meeting/events`, { method: 'POST', body: JSON.stringify({ kind }) });
      for (const [who, kind] of [
        [owner, 'joined'],
        [colleague, 'joined'],
        [owner, 'left'],
        [colleague, 'left'],
      ] as const) {
        expect((await event(who, kind)).status).toBe(204);
      }
      // All three notices arrived (the document's card, the meeting's start and end) …
      const messages = await eventually(
        () => clearMessages(matrixRoomId),
        (list) =>
          list.some((m) => (m.content['de.arbeitsbereich.document'] as { entryId?: string })?.entryId === entryId) &&
          list.filter((m) => m.content.msgtype === 'm.notice' && m.sender === botUserId()).length >= 3,
      );
      // … and none of the messages the homeserver keeps in clear names the document or a participant.
      const clear = messages.map((m) => JSON.stringify(m.content));
      for (const secret of [name, owner.actor.displayName, colleague.actor.displayName]) {
        expect(clear.filter((c) => c.includes(secret))).toEqual([]);
      }
    }, 120_000);
  });
});
