import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { insertWordFile } from '../support/documentFixtures.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json } from '../support/tenantsApi.js';

// Sharing a document into its room's chat, against the real stack: the notice is read back from Synapse.
interface NoticeEvent {
  event_id: string;
  sender: string;
  content: {
    msgtype?: string;
    body?: string;
    'de.arbeitsbereich.document'?: { roomId: string; entryId: string };
  };
}

/** The room's notices, newest first, read as the service's bot. */
async function notices(matrixRoomId: string): Promise<NoticeEvent[]> {
  const url = new URL(
    `${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/rooms/${encodeURIComponent(matrixRoomId)}/messages`,
  );
  url.searchParams.set('dir', 'b');
  url.searchParams.set('limit', '50');
  url.searchParams.set('filter', JSON.stringify({ types: ['m.room.message'] }));
  const response = await fetch(url, { headers: { Authorization: `Bearer ${stackEnv('MATRIX_AS_TOKEN')}` } });
  const body = (await response.json()) as { chunk: NoticeEvent[] };
  return body.chunk.filter((e) => e.content.msgtype === 'm.notice');
}

describe('sharing a document into the chat', () => {
  let owner: SignedIn; // bernd.beispiel owns the room
  let member: SignedIn; // amelie.admin is a plain member of it
  let outsider: SignedIn; // gabi.gast is in the tenant, not in the room
  let tenantId: string;
  let roomId: string;
  let base: string;
  let db: Db;
  const name = `Beschlussvorlage Straßenbau ${randomBytes(2).toString('hex')}.docx`;
  let entryId: string;

  beforeAll(async () => {
    [owner, member, outsider] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
    ]);
    tenantId = owner.actor.tenantId!;
    roomId = (
      await json<{ id: string }>(
        await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
          method: 'POST',
          body: JSON.stringify({ name: `Bauamt ${randomBytes(3).toString('hex')}` }),
        }),
        201,
      )
    ).id;
    base = `/api/tenants/${tenantId}/rooms/${roomId}`;
    const put = await fetchAs(owner, `${base}/members/${member.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(put.status).toBe(204);
    db = openDatabase(stackEnv('DATABASE_URL'));
    entryId = (
      await insertWordFile(createStore(db), {
        tenantId,
        roomId,
        name,
        by: { id: owner.actor.userId!, name: owner.actor.displayName },
      })
    ).entryId;
  }, 120_000);

  afterAll(async () => {
    await db.destroy();
  });

  it('posts a notice with the link and a card of ids into the room’s Matrix room', async () => {
    const shared = await json<{ url: string }>(
      await fetchAs(member, `${base}/documents/entries/${entryId}/share`, { method: 'POST' }),
      202,
    );
    expect(shared.url).toBe(`${stackEnv('PUBLIC_URL')}/rooms/${roomId}/documents/${entryId}`);
    const room = await eventually(
      async () => json<{ matrixRoomId: string | null }>(await fetchAs(owner, base), 200),
      (r) => r.matrixRoomId !== null,
    );
    const list = await eventually(
      () => notices(room.matrixRoomId!),
      (l) => l.some((e) => e.content['de.arbeitsbereich.document']?.entryId === entryId),
    );
    const notice = list.find((e) => e.content['de.arbeitsbereich.document']?.entryId === entryId)!;
    expect(notice.sender.startsWith(`@${stackEnv('MATRIX_AS_SENDER_LOCALPART')}:`)).toBe(true);
    // The homeserver keeps the service's notice in clear: the link, no names (ADR 0028).
    expect(notice.content.body).toBe(`Ein Dokument wurde geteilt: ${shared.url}`);
    expect(notice.content['de.arbeitsbereich.document']).toEqual({ roomId, entryId });
    expect(JSON.stringify(notice.content)).not.toContain(name);
    expect(JSON.stringify(notice.content)).not.toContain(member.actor.displayName);
  }, 90_000);

  it('lets only people who may read the document share it or reach it', async () => {
    const share = (s: SignedIn) => fetchAs(s, `${base}/documents/entries/${entryId}/share`, { method: 'POST' });
    expect((await share(outsider)).status).toBe(404);
    // The link's target is the entry: the policy answers there as here.
    const doc = (await (await fetch(`${stackEnv('WORKSPACE_URL')}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const entryPath = '/api/tenants/{tenantId}/rooms/{roomId}/documents/entries/{entryId}';
    const read = (s: SignedIn) =>
      doc.paths[entryPath]?.get
        ? fetchAs(s, `${base}/documents/entries/${entryId}`)
        : fetchAs(s, `${base}/documents/entries/${entryId}/preview`);
    expect((await read(outsider)).status).toBe(404);
    // A member reads the entry (200); without the library's entry route, its preview is still being made (409).
    expect((await read(member)).status).toBe(doc.paths[entryPath]?.get ? 200 : 409);
  });

  it('records the share in the audit log', async () => {
    const admin = member; // amelie.admin is the tenant's admin
    const entries = await eventually(
      async () =>
        (
          await json<{ entries: { action: string; targetId: string | null; outcome: string; actorName: string }[] }>(
            await fetchAs(admin, `/api/tenants/${tenantId}/audit?action=document.share&limit=50`),
            200,
          )
        ).entries,
      (l) => l.some((e) => e.targetId === entryId),
      5_000,
    );
    expect(entries.find((e) => e.targetId === entryId)).toMatchObject({ outcome: 'success' });
  });
});
