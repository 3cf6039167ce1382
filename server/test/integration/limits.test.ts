import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { stackStorageEnv, startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { closeCollabClients, openCollabClient, until } from '../support/collabClient.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json } from '../support/tenantsApi.js';

// The limits of one person's work, against a backend of its own on the
// stack's database, sessions and files, configured with low limits.
const perMinute = 2;
const maxFrameBytes = 16 * 1024;
const maxDocumentBytes = 64 * 1024;

describe('limits', () => {
  let run: BackendRun;
  let owner: SignedIn; // bernd.beispiel
  let colleague: SignedIn; // amelie.admin
  let tenantId: string;
  let roomId: string;

  /** The same session, against the backend with low limits. */
  const there = (s: SignedIn): SignedIn => ({ ...s, baseUrl: run.url });
  const room = () => `/api/tenants/${tenantId}/rooms/${roomId}`;
  const upload = (s: SignedIn, name: string) =>
    fetchAs(there(s), `${room()}/documents/files?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: Buffer.from(`Inhalt von ${name}`),
      headers: { 'Content-Type': 'text/plain' },
    });
  const expectTooMany = async (response: Response, detail: RegExp) => {
    const text = await response.text();
    expect(response.status, text).toBe(429);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((JSON.parse(text) as { detail: string }).detail).toMatch(detail);
  };

  beforeAll(async () => {
    [owner, colleague] = await Promise.all([signInDemo('bernd.beispiel'), signInDemo('amelie.admin')]);
    tenantId = owner.actor.tenantId!;
    const created = await json<{ id: string }>(
      await fetchAs(owner, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: `Grenzen ${randomBytes(3).toString('hex')}` }),
      }),
      201,
    );
    roomId = created.id;
    const added = await fetchAs(owner, `${room()}/members/${colleague.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status).toBe(204);
    run = await startBackend({
      DATABASE_URL: stackEnv('DATABASE_URL'),
      PUBLIC_URL: stackEnv('PUBLIC_URL'),
      ...stackStorageEnv(),
      UPLOAD_RATE_LIMIT_PER_MINUTE: String(perMinute),
      EXPORT_RATE_LIMIT_PER_MINUTE: String(perMinute),
      SHARE_RATE_LIMIT_PER_MINUTE: String(perMinute),
      MEETING_EVENT_RATE_LIMIT_PER_MINUTE: String(perMinute),
      COLLAB_MAX_FRAME_BYTES: String(maxFrameBytes),
      COLLAB_MAX_DOCUMENT_BYTES: String(maxDocumentBytes),
    });
    await waitUntilListening(run);
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
  });
  afterEach(closeCollabClients);

  describe('per person and minute', () => {
    let shared: { id: string };

    it('uploads: the limit, then 429 with Retry-After; another person still uploads', async () => {
      shared = await json<{ id: string }>(await upload(owner, 'eins.txt'), 201);
      expect((await upload(owner, 'zwei.txt')).status).toBe(201);
      await expectTooMany(await upload(owner, 'drei.txt'), /uploads/);
      expect((await upload(colleague, 'vier.txt')).status).toBe(201);
    });

    it('exports: counted whatever their outcome, then 429', async () => {
      const exportOf = (entryId: string) =>
        fetchAs(there(owner), `${room()}/documents/entries/${entryId}/export?format=pdf`);
      for (let i = 0; i < perMinute; i++) expect((await exportOf(randomUUID())).status).toBe(404);
      await expectTooMany(await exportOf(randomUUID()), /exports/);
    });

    it('shares and guest links: one count, then 429', async () => {
      const share = () => fetchAs(there(owner), `${room()}/documents/entries/${shared.id}/share`, { method: 'POST' });
      for (let i = 0; i < perMinute; i++) expect((await share()).status).toBe(202);
      await expectTooMany(await share(), /shared links/);
      const guestLink = await fetchAs(there(owner), `${room()}/guest-links`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Frau Extern' }),
      });
      await expectTooMany(guestLink, /shared links/);
      // Someone else's count is their own.
      const theirs = await fetchAs(there(colleague), `${room()}/documents/entries/${shared.id}/share`, {
        method: 'POST',
      });
      expect(theirs.status).toBe(202);
    });

    it('meeting events: the limit, then 429', async () => {
      const event = () =>
        fetchAs(there(owner), `${room()}/meeting/events`, { method: 'POST', body: JSON.stringify({ kind: 'joined' }) });
      for (let i = 0; i < perMinute; i++) expect((await event()).status).not.toBe(429);
      await expectTooMany(await event(), /meeting events/);
    });
  });

  describe('co-editing', () => {
    const newText = async () =>
      json<{ id: string }>(
        await fetchAs(owner, `${room()}/documents/texts`, {
          method: 'POST',
          body: JSON.stringify({ name: `Lang ${randomBytes(3).toString('hex')}`, parentId: null }),
        }),
        201,
      );

    it('closes a socket that sends a frame above the limit (1009)', async () => {
      const socket = new WebSocket(`${run.url.replace(/^http/, 'ws')}/collab`, {
        headers: { Cookie: owner.cookie },
        origin: new URL(stackEnv('PUBLIC_URL')).origin,
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.on('error', () => undefined);
      socket.send(randomBytes(maxFrameBytes + 1));
      expect(await closed).toBe(1009);
    });

    it('refuses an edit that would make the document larger than the limit (4413); what was stored stays', async () => {
      const text = await newText();
      const writer = openCollabClient(owner, text.id, run.url);
      expect(await writer.outcome).toBe('read-write');
      const paragraph = (i: number) => `${i}:`.padEnd(4000, 'x');
      let written = 0;
      while (!writer.closes.some((c) => c.code === 4413) && written < 40) {
        writer.write(paragraph(written++));
        await until(() => !writer.provider.hasUnsyncedChanges || writer.closes.length > 0);
      }
      expect(writer.closes).toContainEqual({ code: 4413, reason: 'document-too-large' });
      writer.close();
      // Below the limit everything arrived; the refused paragraph did not.
      expect(written).toBeGreaterThan(10);
      const reader = openCollabClient(colleague, text.id, run.url);
      expect(await reader.outcome).toBe('read-write');
      await until(() => reader.paragraphs().length > 0);
      const kept = reader.paragraphs();
      expect(kept.length).toBe(written - 1);
      expect(kept).toEqual(Array.from({ length: written - 1 }, (_, i) => paragraph(i)));
      expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThanOrEqual(maxDocumentBytes);
      // Still editable within the limit? No room is left for a whole paragraph: the next one is refused too.
      reader.write(paragraph(99));
      await until(() => reader.closes.some((c) => c.code === 4413));
    }, 60_000);
  });

  describe('storage quota per tenant', () => {
    let quotaRun: BackendRun | undefined;
    afterAll(async () => {
      await quotaRun?.stop();
    });

    it('refuses an upload beyond the tenant’s quota (413 storage-quota-exceeded) and shows the use to its admin', async () => {
      type Policy = { storage: { usedBytes: number; quotaBytes: number | null } };
      const policyAt = async (base: string) =>
        json<Policy>(await fetchAs({ ...colleague, baseUrl: base }, `/api/tenants/${tenantId}/policy`), 200);
      // Without a quota the use is shown alone.
      const before = await policyAt(stackEnv('WORKSPACE_URL'));
      expect(before.storage.quotaBytes).toBeNull();
      const quotaMb = Math.ceil(before.storage.usedBytes / (1024 * 1024)) + 1;
      quotaRun = await startBackend({
        DATABASE_URL: stackEnv('DATABASE_URL'),
        PUBLIC_URL: stackEnv('PUBLIC_URL'),
        ...stackStorageEnv(),
        TENANT_STORAGE_QUOTA_MB: String(quotaMb),
      });
      await waitUntilListening(quotaRun);
      const base = quotaRun.url;
      const put = (name: string, bytes: number) =>
        fetchAs({ ...owner, baseUrl: base }, `${room()}/documents/files?name=${name}`, {
          method: 'POST',
          body: randomBytes(bytes),
          headers: { 'Content-Type': 'application/octet-stream' },
        });
      const { storage } = await policyAt(base);
      expect(storage).toEqual({ usedBytes: before.storage.usedBytes, quotaBytes: quotaMb * 1024 * 1024 });
      const left = storage.quotaBytes! - storage.usedBytes;
      const over = await put('zu-viel.bin', left + 1);
      expect(over.status).toBe(413);
      const problem = (await over.json()) as { type: string; quotaBytes: number; usedBytes: number };
      expect(problem.type).toMatch(/storage-quota-exceeded$/);
      expect(problem).toMatchObject({ quotaBytes: storage.quotaBytes, usedBytes: storage.usedBytes });
      expect((await put('passt.bin', left)).status).toBe(201);
      expect((await policyAt(base)).storage.usedBytes).toBe(storage.quotaBytes);
      expect((await put('ein-byte.bin', 1)).status).toBe(413);
    }, 60_000);
  });
});
