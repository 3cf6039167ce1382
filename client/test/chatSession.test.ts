import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  onTextMessage,
  startChatSession,
  type ChatSession,
  type TextMessage,
} from '../src/features/chat/matrix/chatSession';
import {
  deleteMessage,
  editMessage,
  fetchAttachment,
  hasOlder,
  loadOlder,
  react,
  sendAttachment,
  sendMessage,
} from '../src/features/chat/matrix/roomActions';
import { timelineItems, type TimelineItem } from '../src/features/chat/matrix/timeline';

/**
 * The chat module of the client (the code the browser runs) in Node against the
 * real Synapse: two devices in an encrypted room exchange messages, a reply, an
 * edit, a reaction, a deletion and an encrypted attachment; the homeserver's
 * database holds only ciphertext.
 */

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run with the stack (npm test or .local/test/stack.env).`);
  return value;
}

const homeserverUrl = () => env('MATRIX_HOMESERVER_URL');
const serverName = () => env('MATRIX_SERVER_NAME');
const RUN = `chat${Date.now().toString(36)}`;

async function matrix<T>(method: string, pathAndQuery: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${homeserverUrl()}${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${pathAndQuery}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A real device for a user, through the test stack's own application service (the way the bench and tests log in without a browser). */
async function deviceFor(localpart: string): Promise<{ userId: string; deviceId: string; accessToken: string }> {
  const as = env('MATRIX_HARNESS_AS_TOKEN');
  const userId = `@${localpart}:${serverName()}`;
  await matrix('POST', '/_matrix/client/v3/register', as, {
    type: 'm.login.application_service',
    username: localpart,
  }).catch((error: unknown) => {
    if (!String(error).includes('M_USER_IN_USE')) throw error;
  });
  const login = await matrix<{ user_id: string; device_id: string; access_token: string }>(
    'POST',
    '/_matrix/client/v3/login',
    as,
    { type: 'm.login.application_service', identifier: { type: 'm.id.user', user: userId } },
  );
  return { userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token };
}

/**
 * A room made the way the workspace makes them: by an application service's user (here the test
 * stack's own), who invites the members; each joins with their own device. The homeserver lets
 * nobody else create rooms or invite (ADR 0028).
 */
async function serviceRoom(name: string, members: { userId: string; accessToken: string }[]): Promise<string> {
  const as = env('MATRIX_HARNESS_AS_TOKEN');
  const created = await matrix<{ room_id: string }>('POST', '/_matrix/client/v3/createRoom', as, {
    name,
    preset: 'private_chat',
    invite: members.map((m) => m.userId),
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
  });
  for (const member of members) {
    await matrix('POST', `/_matrix/client/v3/join/${encodeURIComponent(created.room_id)}`, member.accessToken, {});
  }
  return created.room_id;
}

function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

function itemsOf(session: ChatSession, roomId: string): TimelineItem[] {
  const room = session.client.getRoom(roomId);
  return room ? timelineItems(room, session.userId) : [];
}

describe('the chat module against the real Synapse', () => {
  let alice: ChatSession;
  let bob: ChatSession;
  let roomId: string;
  const received: TextMessage[] = [];

  beforeAll(async () => {
    const [a, b] = await Promise.all([deviceFor(`${RUN}-a`), deviceFor(`${RUN}-b`)]);
    roomId = await serviceRoom(`Chat ${RUN}`, [a, b]);
    [alice, bob] = await Promise.all([
      startChatSession({ homeserverUrl: homeserverUrl(), ...a }, { cryptoStore: 'memory' }),
      startChatSession({ homeserverUrl: homeserverUrl(), ...b }, { cryptoStore: 'memory' }),
    ]);
    onTextMessage(bob, (m) => received.push(m));
  });

  afterAll(async () => {
    await alice?.stop();
    await bob?.stop();
  });

  it('delivers a message decrypted to the other device', async () => {
    const text = `Guten Morgen ${randomUUID()}`;
    await sendMessage(alice.client, roomId, text);
    const message = await waitFor('the message at bob', () => received.find((m) => m.body === text));
    expect(message.sender).toBe(alice.userId);
    expect(message.roomId).toBe(roomId);
  });

  it('shows a reply with its quote, an edit with its new text, a reaction and a deletion', async () => {
    await sendMessage(alice.client, roomId, 'Wer übernimmt den Vermerk?');
    const question = await waitFor('the question', () =>
      itemsOf(bob, roomId).find((i) => i.body === 'Wer übernimmt den Vermerk?' && !i.id.startsWith('~')),
    );
    await sendMessage(bob.client, roomId, 'Ich', question.id);
    const reply = await waitFor('the reply at alice', () => itemsOf(alice, roomId).find((i) => i.body === 'Ich'));
    expect(reply.replyTo).toMatchObject({ id: question.id, body: 'Wer übernimmt den Vermerk?' });

    await editMessage(bob.client, roomId, reply.id, 'Ich übernehme ihn bis Freitag');
    const edited = await waitFor('the edit at alice', () =>
      itemsOf(alice, roomId).find((i) => (i.id === reply.id && i.edited ? i : undefined)),
    );
    expect(edited.body).toBe('Ich übernehme ihn bis Freitag');
    expect(itemsOf(alice, roomId).filter((i) => i.body.includes('bis Freitag'))).toHaveLength(1);

    await react(alice.client, roomId, reply.id, '👍');
    const reacted = await waitFor('the reaction at bob', () =>
      itemsOf(bob, roomId).find((i) => (i.id === reply.id && i.reactions.length > 0 ? i : undefined)),
    );
    expect(reacted.reactions).toEqual([expect.objectContaining({ key: '👍', count: 1, mine: undefined })]);

    await deleteMessage(alice.client, roomId, question.id);
    await waitFor('the deletion at bob', () =>
      itemsOf(bob, roomId).find((i) => (i.id === question.id && i.kind === 'redacted' ? i : undefined)),
    );
  });

  it('sends an attachment encrypted; the other device downloads and decrypts it', async () => {
    const content = `Anlage ${RUN}: Haushaltsvermerk`;
    const file = new File([content], 'vermerk.txt', { type: 'text/plain' });
    const progress: number[] = [];
    await sendAttachment(alice.client, roomId, file, {
      limit: undefined,
      onProgress: (loaded) => progress.push(loaded),
    });
    const item = await waitFor('the file at bob', () =>
      itemsOf(bob, roomId).find((i) => i.kind === 'file' && i.attachment?.name === 'vermerk.txt'),
    );
    expect(item.attachment?.encrypted?.url).toMatch(/^mxc:\/\//);
    expect(item.attachment?.url).toBeUndefined();
    const blob = await fetchAttachment(bob.client, item.attachment!);
    expect(await blob.text()).toBe(content);
    // What the media repository holds is ciphertext.
    const mxc = item.attachment!.encrypted!.url;
    const raw = await fetch(`${homeserverUrl()}/_matrix/client/v1/media/download/${mxc.slice('mxc://'.length)}`, {
      headers: { Authorization: `Bearer ${bob.client.getAccessToken() ?? ''}` },
    });
    expect(raw.status).toBe(200);
    expect(await raw.text()).not.toContain('Haushaltsvermerk');
  });

  it('loads older history page by page until the room’s start', async () => {
    const { client } = alice;
    const room = {
      room_id: await serviceRoom(`Verlauf ${RUN}`, [
        { userId: alice.userId, accessToken: client.getAccessToken() ?? '' },
      ]),
    };
    // Sending before the client has seen the room's encryption state would send in the clear. Invited
    // first, the room shows its encryption before the client's crypto has joined and configured it.
    await waitFor('the room’s encryption at alice', () =>
      client.getRoom(room.room_id)?.getMyMembership() === 'join' &&
      client.getRoom(room.room_id)?.hasEncryptionStateEvent()
        ? true
        : undefined,
    );
    for (const started = Date.now(); !(await client.getCrypto()?.isEncryptionEnabledInRoom(room.room_id));) {
      if (Date.now() - started > 20_000) throw new Error('timed out waiting for the room’s encryption in the crypto');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let i = 1; i <= 45; i++) await sendMessage(client, room.room_id, `Zeile ${i}`);
    const device = await deviceFor(`${RUN}-a`);
    const later = await startChatSession(
      { homeserverUrl: homeserverUrl(), ...device },
      { cryptoStore: 'memory', initialSyncLimit: 10 },
    );
    try {
      const joined = await waitFor('the room on the new device', () => later.client.getRoom(room.room_id) ?? undefined);
      const messagesLoaded = () =>
        timelineItems(joined, later.userId).filter((i) => ['text', 'undecryptable', 'decrypting'].includes(i.kind));
      expect(messagesLoaded().length).toBeLessThan(45);
      expect(hasOlder(joined)).toBe(true);
      let pages = 0;
      while (hasOlder(joined) && pages < 20) {
        await loadOlder(later.client, joined, 20);
        pages++;
      }
      expect(hasOlder(joined)).toBe(false);
      expect(pages).toBeGreaterThan(1);
      expect(messagesLoaded()).toHaveLength(45);
      // The new device did not exist when these were sent and has no key backup to restore from here.
      await waitFor('decryption attempts', () =>
        messagesLoaded().every((i) => i.kind === 'undecryptable') ? true : undefined,
      );
    } finally {
      await later.stop();
    }
  });

  // Reactions and redactions stay readable to the homeserver, as everywhere in Matrix: a reaction's
  // relation is cleartext in any case, and servers aggregate them (docs/adr/0013).
  it('leaves only m.room.encrypted message events in the homeserver database', () => {
    const db = new Database(path.join(env('SYNAPSE_DATA_DIR'), 'homeserver.db'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const rows = db
        .prepare('SELECT type, COUNT(*) AS n FROM events WHERE room_id = ? AND state_key IS NULL GROUP BY type')
        .all(roomId) as { type: string; n: number }[];
      const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
      // Two messages, a reply, an edit, an attachment.
      expect(byType['m.room.encrypted']).toBe(5);
      expect(Object.keys(byType).sort()).toEqual(['m.reaction', 'm.room.encrypted', 'm.room.redaction']);
      const texts = db
        .prepare(
          `SELECT j.json FROM events e JOIN event_json j USING (event_id)
           WHERE e.room_id = ? AND e.type = 'm.room.encrypted'`,
        )
        .all(roomId) as { json: string }[];
      for (const { json } of texts) {
        expect(json).not.toMatch(/Vermerk|Guten Morgen|Freitag|vermerk\.txt/);
        expect(JSON.parse(json).content).toMatchObject({ algorithm: 'm.megolm.v1.aes-sha2' });
      }
    } finally {
      db.close();
    }
  });
});
