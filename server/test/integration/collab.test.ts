import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { starterKitRenderer } from '../../src/adapters/collab/index.js';
import { collabRepository } from '../../src/db/collabRepository.js';
import { openDatabase } from '../../src/db/database.js';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { closeCollabClients, openCollabClient as open, sleep, until } from '../support/collabClient.js';
import { json, provisionedTenantWithAdmin } from '../support/tenantsApi.js';

// Co-editing against the real stack, with Hocuspocus' own provider as the
// browser's editor uses it (WebSocket from `ws`, carrying the session cookie
// and the Origin a browser would send).

interface EntryBody {
  id: string;
  roomId: string;
  parentId: string | null;
  kind: string;
  name: string;
  version: number | null;
  preview: string;
  updatedBy: { id: string; name: string };
  abilities: Record<string, boolean>;
}

describe('collaborative text documents', () => {
  let owner: SignedIn; // bernd.beispiel, owns the room
  let colleague: SignedIn; // amelie.admin, a member of the room
  let guest: SignedIn; // gabi.gast, a guest of the room
  let outsider: SignedIn; // paula.plattform: of the tenant, not in the room
  let tenantId: string;

  const post = (s: SignedIn, path: string, body: unknown) =>
    fetchAs(s, path, { method: 'POST', body: JSON.stringify(body) });
  const newRoom = async (members: [SignedIn, string][]): Promise<string> => {
    const room = await json<{ id: string }>(
      await post(owner, `/api/tenants/${tenantId}/rooms`, { name: `Texte ${randomBytes(3).toString('hex')}` }),
      201,
    );
    for (const [who, role] of members) {
      const r = await fetchAs(owner, `/api/tenants/${tenantId}/rooms/${room.id}/members/${who.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      });
      expect(r.status).toBe(204);
    }
    return room.id;
  };
  const newText = async (roomId: string, name = `Protokoll ${randomBytes(3).toString('hex')}`) =>
    json<EntryBody>(
      await post(owner, `/api/tenants/${tenantId}/rooms/${roomId}/documents/texts`, { name, parentId: null }),
      201,
    );

  let roomId: string;
  let text: EntryBody;

  beforeAll(async () => {
    [owner, colleague, guest, outsider] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
      signInDemo('paula.plattform'),
    ]);
    tenantId = owner.actor.tenantId!;
    roomId = await newRoom([
      [colleague, 'member'],
      [guest, 'guest'],
    ]);
    text = await newText(roomId);
  }, 120_000);

  afterEach(closeCollabClients);

  it('makes a text document in the library: kind text, no version yet, unique names, writers only', async () => {
    expect(text).toMatchObject({
      roomId,
      parentId: null,
      kind: 'text',
      version: null,
      preview: 'none',
      updatedBy: { id: owner.actor.userId, name: owner.actor.displayName },
      abilities: { 'document.read': true, 'document.write': true, 'document.purge': true },
    });
    const again = await post(owner, `/api/tenants/${tenantId}/rooms/${roomId}/documents/texts`, {
      name: text.name.toUpperCase(),
      parentId: null,
    });
    expect(again.status).toBe(409);
    const byGuest = await post(guest, `/api/tenants/${tenantId}/rooms/${roomId}/documents/texts`, {
      name: 'Vom Gast',
      parentId: null,
    });
    expect(byGuest.status).toBe(403);
    const audit = await json<{ entries: { action: string; targetId: string | null; outcome: string }[] }>(
      await fetchAs(colleague, `/api/tenants/${tenantId}/audit?action=document.create&limit=50`),
      200,
    );
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ action: 'document.create', targetId: text.id, outcome: 'success' }),
    );
  });

  it('lets two members co-edit: each one’s text reaches the other, and each sees the other present', async () => {
    const a = open(owner, text.id);
    const b = open(colleague, text.id);
    expect(await a.outcome).toBe('read-write');
    expect(await b.outcome).toBe('read-write');
    a.write('Von Bernd');
    await until(() => b.paragraphs().includes('Von Bernd'));
    b.write('Von Amelie');
    await until(() => a.paragraphs().join('|') === 'Von Bernd|Von Amelie');
    a.provider.setAwarenessField('user', { id: owner.actor.userId, name: owner.actor.displayName, color: '#0b6e4f' });
    await until(() =>
      [...b.provider.awareness!.getStates().values()].some(
        (s) => (s.user as { id?: string } | undefined)?.id === owner.actor.userId,
      ),
    );
  });

  it('connects a room guest read-only: the guest reads along, but their edits reach nobody', async () => {
    const a = open(owner, text.id);
    const g = open(guest, text.id);
    expect(await a.outcome).toBe('read-write');
    expect(await g.outcome).toBe('readonly');
    await until(() => g.paragraphs().includes('Von Bernd'));
    g.write('Vom Gast');
    await sleep(500);
    // A later edit of the owner reaches the guest, so the guest's edit had its chance to arrive before it.
    a.write('Nach dem Gast');
    await until(() => g.paragraphs().includes('Nach dem Gast'));
    await sleep(500);
    expect(a.paragraphs()).not.toContain('Vom Gast');
    const later = open(colleague, text.id);
    expect(await later.outcome).toBe('read-write');
    await until(() => later.paragraphs().includes('Nach dem Gast'));
    expect(later.paragraphs()).not.toContain('Vom Gast');
  });

  it('refuses people outside the room, another tenant’s admin and callers without a session (close 4403/4401)', async () => {
    const foreign = (await provisionedTenantWithAdmin(outsider, `k-${randomBytes(3).toString('hex')}`)).admin;
    for (const session of [outsider, foreign]) {
      const c = open(session, text.id);
      expect(await c.outcome).toBe('denied:forbidden');
      await until(() => c.closes.some((e) => e.code === 4403 && e.reason === 'forbidden'));
      expect(c.paragraphs()).toEqual([]);
    }
    const anonymous = open(undefined, text.id);
    expect(await anonymous.outcome).toBe('denied:unauthorized');
    await until(() => anonymous.closes.some((e) => e.code === 4401));
    // An id that is no text document is refused the same way.
    const folderless = open(owner, '00000000-0000-4000-8000-000000000000');
    expect(await folderless.outcome).toBe('denied:forbidden');
  }, 120_000);

  it('refuses a WebSocket opened from another origin before it is one', async () => {
    const attempt = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${stackEnv('WORKSPACE_URL').replace(/^http/, 'ws')}/collab`, {
          headers: { Cookie: owner.cookie },
          origin,
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', reject);
      });
    expect(await attempt('https://elsewhere.example')).toBe(403);
    expect(await attempt(new URL(stackEnv('PUBLIC_URL')).origin.replace('localhost', '127.0.0.1'))).toBe(403);
    expect(await attempt(new URL(stackEnv('PUBLIC_URL')).origin)).toBe(101);
  });

  it('makes a member read-only when their role drops to guest, and closes them out (4403) when removed', async () => {
    const room = await newRoom([[colleague, 'member']]);
    const doc = await newText(room);
    const a = open(owner, doc.id);
    const b = open(colleague, doc.id);
    expect(await b.outcome).toBe('read-write');
    expect(await a.outcome).toBe('read-write');
    b.write('Als Mitglied');
    await until(() => a.paragraphs().includes('Als Mitglied'));

    const member = `/api/tenants/${tenantId}/rooms/${room}/members/${colleague.actor.userId}`;
    expect((await fetchAs(owner, member, { method: 'PUT', body: JSON.stringify({ role: 'guest' }) })).status).toBe(204);
    await sleep(1_000);
    b.write('Als Gast');
    await sleep(500);
    a.write('Danach');
    await until(() => b.paragraphs().includes('Danach'));
    await sleep(500);
    expect(a.paragraphs()).not.toContain('Als Gast');

    const removedAt = Date.now();
    expect((await fetchAs(owner, member, { method: 'DELETE' })).status).toBe(204);
    await until(() => b.closes.some((e) => e.code === 4403 && e.reason === 'access-revoked'), 5_000);
    expect(Date.now() - removedAt).toBeLessThan(5_000);
    const again = open(colleague, doc.id);
    expect(await again.outcome).toBe('denied:forbidden');
  });

  it('closes the document of a session that ended, at the next periodic re-check (4403)', async () => {
    const second = await signInDemo('amelie.admin');
    const c = open(second, text.id);
    expect(await c.outcome).toBe('read-write');
    const signOut = await fetchAs(second, '/auth/logout', { method: 'POST' });
    expect(signOut.status).toBe(200);
    await until(() => c.closes.some((e) => e.code === 4403 && e.reason === 'access-revoked'), 20_000);
    // The other session of the same person is not affected.
    const first = open(colleague, text.id);
    expect(await first.outcome).toBe('read-write');
  }, 40_000);

  it('merges edits made while one client was offline, on both sides', async () => {
    const doc = await newText(roomId);
    const a = open(owner, doc.id);
    const b = open(colleague, doc.id);
    await Promise.all([a.outcome, b.outcome]);
    a.write('Anfang');
    await until(() => b.paragraphs().includes('Anfang'));
    b.socket.disconnect();
    await until(() => b.closes.length > 0);
    a.write('A während B weg war');
    b.write('B ohne Verbindung');
    await sleep(500);
    expect(a.paragraphs()).not.toContain('B ohne Verbindung');
    await b.socket.connect();
    await until(
      () =>
        a.paragraphs().length === 3 &&
        b.paragraphs().length === 3 &&
        a.paragraphs().join('|') === b.paragraphs().join('|'),
    );
    expect(a.paragraphs()).toEqual(expect.arrayContaining(['Anfang', 'A während B weg war', 'B ohne Verbindung']));
  });

  describe('a backend of its own, restarted', () => {
    let run: BackendRun | undefined;
    const backend = async (): Promise<BackendRun> => {
      // The stack's database and public URL: the same people, sessions and documents, on another port.
      const r = await startBackend({ DATABASE_URL: stackEnv('DATABASE_URL'), PUBLIC_URL: stackEnv('PUBLIC_URL') });
      await waitUntilListening(r);
      return r;
    };
    afterAll(async () => {
      await run?.stop();
    });

    it('keeps the document across a restart: edits of the last moment are stored on shutdown', async () => {
      const doc = await newText(roomId);
      run = await backend();
      const a = open(owner, doc.id, run.url);
      expect(await a.outcome).toBe('read-write');
      a.write('Vor dem Neustart');
      await until(() => !a.provider.hasUnsyncedChanges);
      // At once: well inside the two seconds Hocuspocus waits before storing on its own.
      await run.stop();
      expect(run.output()).toContain('stopped');

      const db = openDatabase(stackEnv('DATABASE_URL'));
      try {
        const state = await collabRepository(db).load(doc.id);
        expect(starterKitRenderer.toHtml(state)).toBe('<p>Vor dem Neustart</p>');
      } finally {
        await db.destroy();
      }

      run = await backend();
      const b = open(colleague, doc.id, run.url);
      expect(await b.outcome).toBe('read-write');
      await until(() => b.paragraphs().join('|') === 'Vor dem Neustart');
    }, 90_000);
  });
});
