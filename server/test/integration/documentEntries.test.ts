import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { pidListeningOn, rssOf } from '../support/processes.js';
import { rawRequest } from '../support/rawUpload.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { drain, generatedStream } from '../support/streams.js';
import { eventually, json, provisionedTenantWithAdmin } from '../support/tenantsApi.js';

// The room document library against the real stack's backend, its database
// and its file storage (STORAGE_DIR on local disk).
interface Entry {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  size: number;
  contentType: string;
  version: number | null;
  deletedAt: string | null;
  abilities: Record<string, boolean>;
}
interface Listing {
  folder: Entry | null;
  path: { id: string; name: string }[];
  entries: Entry[];
  limits: { maxUploadBytes: number };
}
interface Version {
  id: string;
  number: number;
  size: number;
  current: boolean;
}

const MB = 1024 * 1024;
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** Every file below the storage folder, unfinished writes included. */
function storedFiles(): string[] {
  const root = stackEnv('STORAGE_DIR');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .sort();
}

describe('document library', () => {
  let owner: SignedIn; // bernd.beispiel owns the room
  let admin: SignedIn; // amelie.admin: tenant admin, a member of the room (removed at the end)
  let guest: SignedIn; // gabi.gast: a guest of the room
  let stranger: SignedIn; // another tenant's admin
  let tenantId: string;
  let base: string;
  let db: Db;

  const upload = (s: SignedIn, name: string, body: Buffer, parentId?: string, contentType = 'text/plain') =>
    rawRequest(
      s,
      `${base}/files?name=${encodeURIComponent(name)}${parentId ? `&parentId=${parentId}` : ''}`,
      Readable.from([body]),
      { contentType, contentLength: body.length },
    );
  const uploaded = async (s: SignedIn, name: string, body: Buffer, parentId?: string, contentType?: string) => {
    const r = await upload(s, name, body, parentId, contentType);
    expect([200, 201], r.text).toContain(r.status);
    return JSON.parse(r.text) as Entry;
  };
  const post = (s: SignedIn, p: string, body?: unknown) =>
    fetchAs(s, p, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const patch = (s: SignedIn, p: string, body: unknown) =>
    fetchAs(s, p, { method: 'PATCH', body: JSON.stringify(body) });
  const list = async (s: SignedIn, folder?: string) =>
    json<Listing>(await fetchAs(s, `${base}${folder ? `?folder=${folder}` : ''}`), 200);
  const rows = async (name: string) =>
    db.selectFrom('library_entries').select('id').where('name', '=', name).where('tenant_id', '=', tenantId).execute();

  beforeAll(async () => {
    db = openDatabase(stackEnv('DATABASE_URL'));
    const platform = await signInDemo('paula.plattform');
    [owner, admin, guest, stranger] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
      provisionedTenantWithAdmin(platform, `lib-${randomBytes(3).toString('hex')}`).then((t) => t.admin),
    ]);
    tenantId = owner.actor.tenantId!;
    const room = await json<{ id: string }>(
      await post(owner, `/api/tenants/${tenantId}/rooms`, { name: `Ablage ${randomBytes(3).toString('hex')}` }),
      201,
    );
    base = `/api/tenants/${tenantId}/rooms/${room.id}/documents`;
    for (const [who, role] of [
      [admin, 'member'],
      [guest, 'guest'],
    ] as const) {
      const r = await fetchAs(owner, `/api/tenants/${tenantId}/rooms/${room.id}/members/${who.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      });
      expect(r.status).toBe(204);
    }
  }, 180_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('uploads, lists and downloads a file with the same bytes', async () => {
    const body = Buffer.from('Tagesordnung\n1. Begrüßung\n2. Haushalt\n');
    const r = await upload(owner, 'Tagesordnung.txt', body);
    expect(r.status, r.text).toBe(201);
    const entry = JSON.parse(r.text) as Entry;
    expect(entry).toMatchObject({ kind: 'file', name: 'Tagesordnung.txt', size: body.length, version: 1 });
    expect(entry.contentType).toBe('text/plain; charset=utf-8');
    expect(entry.abilities).toMatchObject({ 'document.read': true, 'document.write': true, 'document.purge': true });

    const top = await list(owner);
    expect(top.folder).toBeNull();
    expect(top.path).toEqual([]);
    expect(top.entries.map((e) => e.name)).toContain('Tagesordnung.txt');
    expect(top.limits.maxUploadBytes).toBe(1024 * MB);

    const download = await fetchAs(owner, `${base}/entries/${entry.id}/content`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(body);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Tagesordnung.txt"; filename*=UTF-8''Tagesordnung.txt`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  });

  it('streams a 200 MB upload without holding it in the backend’s memory', async () => {
    const pid = pidListeningOn(Number(new URL(stackEnv('PUBLIC_URL')).port));
    const size = 200 * MB;
    const source = generatedStream(size, { seed: 11 });
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(pid));
    }, 50);
    let r;
    try {
      r = await rawRequest(owner, `${base}/files?name=gross.bin`, source.stream, { contentLength: size });
    } finally {
      clearInterval(sampler);
    }
    expect(r.status, r.text).toBe(201);
    const entry = JSON.parse(r.text) as Entry;
    expect(entry.size).toBe(size);
    const growth = peak - before;
    console.log(
      `200 MB upload: backend RSS ${(before / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB, growth ${(growth / MB).toFixed(1)} MB`,
    );
    // Held in memory, the file alone would add 200 MB. A backend's first large stream grows its RSS
    // by about 70 MB however it is handled (68 MB measured on a fresh backend with no scanner), the
    // buffer pools' first growth; later uploads add next to nothing.
    expect(growth).toBeLessThan(100 * MB);
    // A file this large is scanned for malware after the upload is answered (ADR 0055): it can be
    // read once the scan has found it clean.
    await eventually(
      async () => json<Entry & { scan: string }>(await fetchAs(owner, `${base}/entries/${entry.id}`), 200),
      (e) => e.scan === 'clean',
      120_000,
    );
    const download = await fetchAs(owner, `${base}/entries/${entry.id}/content`);
    expect(download.headers.get('content-length')).toBe(String(size));
    expect(await drain(Readable.fromWeb(download.body! as WebReadableStream))).toEqual({
      size,
      sha256: source.sha256(),
    });
  }, 240_000);

  it('refuses a file above the tenant’s limit with 413, and keeps neither a row nor an object', async () => {
    const policy = `/api/tenants/${tenantId}/policy`;
    const putLimit = (maxUploadMb: number | null) =>
      fetchAs(admin, policy, {
        method: 'PUT',
        body: JSON.stringify({ meetings: true, guests: true, recording: false, maxUploadMb }),
      });
    const setLimit = async (maxUploadMb: number | null) =>
      json<{ maxUploadMb: number | null; maxUploadMbCeiling: number }>(await putLimit(maxUploadMb), 200);
    const limit = 1 * MB;
    const filesBefore = storedFiles();
    try {
      expect(await setLimit(1)).toMatchObject({ maxUploadMb: 1, maxUploadMbCeiling: 1024 });
      expect((await list(owner)).limits.maxUploadBytes).toBe(limit);
      // Announced too large: refused before it is read.
      const announced = await upload(owner, 'zu-gross.bin', randomBytes(limit + 1));
      // Not announced: refused once the stream passes the limit.
      const streamed = await rawRequest(owner, `${base}/files?name=zu-gross.bin`, generatedStream(3 * MB).stream);
      for (const r of [announced, streamed]) {
        expect(r.status, r.text).toBe(413);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(r.text) as { type: string; detail: string; maxBytes: number };
        expect(problem.type).toMatch(/file-too-large$/);
        expect(problem.maxBytes).toBe(limit);
        expect(problem.detail).toContain(`${limit} bytes`);
      }
      expect(await rows('zu-gross.bin')).toEqual([]);
      expect(storedFiles()).toEqual(filesBefore);
      // Exactly the limit is fine.
      expect((await upload(owner, 'genau.bin', randomBytes(limit))).status).toBe(201);
    } finally {
      await setLimit(null);
    }
    expect((await list(owner)).limits.maxUploadBytes).toBe(1024 * MB);
  });

  it('keeps a tenant’s upload limit within whole MB from 1 to the installation’s limit', async () => {
    const policy = `/api/tenants/${tenantId}/policy`;
    const putLimit = (maxUploadMb: unknown) =>
      fetchAs(admin, policy, {
        method: 'PUT',
        body: JSON.stringify({ meetings: true, guests: true, recording: false, maxUploadMb }),
      });
    const above = await putLimit(1025);
    expect(above.status).toBe(422);
    expect(above.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await above.json()) as { detail: string; details: { field: string; max: number } };
    expect(problem.detail).toContain('1024');
    expect(problem.details).toMatchObject({ field: 'maxUploadMb', max: 1024 });
    for (const tiny of [5e-324, 0.5, 0, -1, 1.5]) expect((await putLimit(tiny)).status, String(tiny)).toBe(400);
    const current = await json<{ maxUploadMb: number | null; maxUploadMbCeiling: number }>(
      await fetchAs(admin, policy),
      200,
    );
    expect(current).toMatchObject({ maxUploadMb: null, maxUploadMbCeiling: 1024 });
    expect((await list(owner)).limits.maxUploadBytes).toBe(1024 * MB);
  });

  it('neutralises path parts and control characters in names', async () => {
    const passwd = await uploaded(owner, '../../etc/passwd', Buffer.from('root:x:0:0'));
    expect(passwd.name).toBe('passwd');
    expect(passwd.parentId).toBeNull();
    const tricky = await uploaded(owner, 'rechnung\u202Efdp.exe\r\n', Buffer.from('MZ'));
    expect(tricky.name).toBe('rechnungfdp.exe');
    const folder = await json<Entry>(await post(owner, `${base}/folders`, { name: '..', parentId: null }), 201);
    expect(folder.name).toBe('Unbenannt');
    for (const f of storedFiles()) expect(f).not.toMatch(/passwd|\.\./);
  });

  it('leaves no file and no row when the client breaks off an upload', async () => {
    const filesBefore = storedFiles();
    const size = 50 * MB;
    const source = generatedStream(size, { seed: 9 });
    let sent = 0;
    let sawPartial = false;
    const result = rawRequest(owner, `${base}/files?name=abgebrochen.bin`, source.stream, {
      contentLength: size,
      onRequest: (req) => {
        source.stream.on('data', (chunk: Buffer) => {
          sent += chunk.length;
          if (sent >= size / 2 && !req.destroyed) {
            // Halfway, the backend is writing an unfinished file; then the connection breaks.
            sawPartial = storedFiles().some((f) => f.startsWith('.partial'));
            req.destroy();
          }
        });
      },
    });
    await expect(result).rejects.toThrow();
    expect(sawPartial).toBe(true);
    // The backend notices the broken connection and removes its unfinished file.
    await eventually(
      async () => storedFiles(),
      (files) => JSON.stringify(files) === JSON.stringify(filesBefore),
      15_000,
    );
    expect(await rows('abgebrochen.bin')).toEqual([]);
  });

  it('stores the recognised type, not the claimed one, and serves HTML only as a download', async () => {
    const image = await uploaded(owner, 'bild.txt', png, undefined, 'text/plain');
    expect(image.contentType).toBe('image/png');
    const html = await uploaded(
      owner,
      'seite.html',
      Buffer.from('<html><script>alert(1)</script></html>'),
      undefined,
      'text/html',
    );
    expect(html.contentType).toBe('text/plain; charset=utf-8');
    const r = await fetchAs(guest, `${base}/entries/${html.id}/content`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('moves a folder with its contents into the trash, restores it under a free name, and purges it', async () => {
    const folder = await json<Entry>(await post(owner, `${base}/folders`, { name: 'Akten', parentId: null }), 201);
    const file = await uploaded(owner, 'Vermerk.txt', Buffer.from('Vermerk'), folder.id);
    const inside = await list(owner, folder.id);
    expect(inside.path).toEqual([{ id: folder.id, name: 'Akten' }]);
    expect(inside.entries.map((e) => e.id)).toEqual([file.id]);

    const deleted = await json<Entry>(await fetchAs(owner, `${base}/entries/${folder.id}`, { method: 'DELETE' }), 200);
    expect(deleted.deletedAt).not.toBeNull();
    expect((await list(owner)).entries.map((e) => e.id)).not.toContain(folder.id);
    expect((await fetchAs(owner, `${base}?folder=${folder.id}`)).status).toBe(409);
    const trash = await json<{ entries: Entry[] }>(await fetchAs(guest, `${base}/trash`), 200);
    expect(trash.entries.map((e) => e.id)).toContain(folder.id);
    // Nothing can be uploaded into a folder in the trash.
    expect((await upload(owner, 'neu.txt', Buffer.from('x'), folder.id)).status).toBe(409);

    await json<Entry>(await post(owner, `${base}/folders`, { name: 'Akten', parentId: null }), 201);
    const restored = await json<Entry>(await post(owner, `${base}/entries/${folder.id}/restore`), 200);
    expect(restored).toMatchObject({ name: 'Akten (2)', deletedAt: null, parentId: null });
    expect((await list(owner, folder.id)).entries.map((e) => e.id)).toEqual([file.id]);

    // Purge: only from the trash, only owners and moderators.
    expect((await post(owner, `${base}/entries/${folder.id}/purge`)).status).toBe(409);
    await fetchAs(owner, `${base}/entries/${folder.id}`, { method: 'DELETE' });
    const keyPart = `${tenantId}/${file.id}/`;
    expect(storedFiles().some((f) => f.startsWith(keyPart))).toBe(true);
    expect((await post(admin, `${base}/entries/${folder.id}/purge`)).status).toBe(403);
    expect((await post(owner, `${base}/entries/${folder.id}/purge`)).status).toBe(204);
    expect((await fetchAs(owner, `${base}/entries/${file.id}`)).status).toBe(404);
    expect((await fetchAs(owner, `${base}/entries/${folder.id}`)).status).toBe(404);
    expect(storedFiles().some((f) => f.startsWith(keyPart))).toBe(false);
    expect(await db.selectFrom('library_versions').select('id').where('entry_id', '=', file.id).execute()).toEqual([]);
  });

  it('keeps versions and restores an earlier one as a new version', async () => {
    const v1 = await upload(owner, 'Haushalt.txt', Buffer.from('Entwurf 1'));
    expect(v1.status).toBe(201);
    const v2 = await upload(admin, 'haushalt.txt', Buffer.from('Entwurf 2, länger'));
    expect(v2.status, 'same name (any case): a new version').toBe(200);
    const entry = JSON.parse(v2.text) as Entry;
    expect(entry).toMatchObject({ name: 'Haushalt.txt', version: 2 });
    const { versions } = await json<{ versions: Version[] }>(
      await fetchAs(guest, `${base}/entries/${entry.id}/versions`),
      200,
    );
    expect(versions.map((v) => [v.number, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = versions[1]!;
    const oldContent = await fetchAs(guest, `${base}/entries/${entry.id}/content?version=${old.id}`);
    expect(await oldContent.text()).toBe('Entwurf 1');

    expect((await post(guest, `${base}/entries/${entry.id}/versions/${old.id}/restore`)).status).toBe(403);
    const restored = await json<Entry>(
      await post(owner, `${base}/entries/${entry.id}/versions/${old.id}/restore`),
      200,
    );
    expect(restored).toMatchObject({ version: 3, size: 'Entwurf 1'.length });
    expect(await (await fetchAs(owner, `${base}/entries/${entry.id}/content`)).text()).toBe('Entwurf 1');
  });

  it('renames and moves, but never into a folder’s own subtree or onto a taken name', async () => {
    const a = await json<Entry>(await post(owner, `${base}/folders`, { name: 'A', parentId: null }), 201);
    const b = await json<Entry>(await post(owner, `${base}/folders`, { name: 'B', parentId: a.id }), 201);
    expect((await patch(owner, `${base}/entries/${a.id}`, { parentId: b.id })).status).toBe(409);
    expect((await patch(owner, `${base}/entries/${a.id}`, { parentId: a.id })).status).toBe(409);
    const file = await uploaded(owner, 'Notiz.txt', Buffer.from('n'));
    const moved = await json<Entry>(
      await patch(owner, `${base}/entries/${file.id}`, { parentId: b.id, name: 'Notiz neu.txt' }),
      200,
    );
    expect(moved).toMatchObject({ parentId: b.id, name: 'Notiz neu.txt' });
    expect((await list(owner, b.id)).path.map((p) => p.name)).toEqual(['A', 'B']);
    await uploaded(owner, 'Zweite.txt', Buffer.from('z'), b.id);
    expect((await patch(owner, `${base}/entries/${file.id}`, { name: 'zweite.txt' })).status).toBe(409);
    // Another room's folder is not a target.
    expect((await patch(owner, `${base}/entries/${file.id}`, { parentId: crypto.randomUUID() })).status).toBe(404);
  });

  it('lets guests read but not write', async () => {
    const listing = await list(guest);
    expect(listing.entries.length).toBeGreaterThan(0);
    expect(listing.entries[0]!.abilities).toMatchObject({ 'document.read': true, 'document.write': false });
    const r = await upload(guest, 'gast.txt', Buffer.from('Gast'));
    expect(r.status).toBe(403);
    expect((await post(guest, `${base}/folders`, { name: 'Gastordner', parentId: null })).status).toBe(403);
    expect(await rows('gast.txt')).toEqual([]);
  });

  it('shows another tenant’s admin nothing at all', async () => {
    const someFile = (await list(owner)).entries.find((e) => e.kind === 'file')!;
    expect((await fetchAs(stranger, base)).status).toBe(404);
    expect((await fetchAs(stranger, `${base}/entries/${someFile.id}/content`)).status).toBe(404);
    expect((await upload(stranger, 'fremd.txt', Buffer.from('x'))).status).toBe(404);
  });

  it('takes access away from someone removed from the room', async () => {
    const file = (await list(admin)).entries.find((e) => e.kind === 'file')!;
    const roomPath = base.replace(/\/documents$/, '');
    expect((await fetchAs(owner, `${roomPath}/members/${admin.actor.userId}`, { method: 'DELETE' })).status).toBe(204);
    // A tenant admin still sees that the room exists, but not its documents.
    expect([403, 404]).toContain((await fetchAs(admin, base)).status);
    expect([403, 404]).toContain((await fetchAs(admin, `${base}/entries/${file.id}/content`)).status);
    expect([403, 404]).toContain((await upload(admin, 'danach.txt', Buffer.from('x'))).status);
  });
});
