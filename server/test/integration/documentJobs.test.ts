import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SofficeConverter } from '../../src/adapters/office/index.js';
import { JwtWopiTokens } from '../../src/adapters/wopi/index.js';
import { exportTextDocument } from '../../src/commands/documents/exportText.js';
import { enqueuePreview, previewHandlers } from '../../src/commands/documents/previews.js';
import {
  checkFileInfo,
  getFileContents,
  openWopiSession,
  putFileContents,
  WopiUnauthorized,
  type WopiDeps,
} from '../../src/commands/documents/wopi.js';
import { jobKinds } from '../../src/domain/jobs/catalog.js';
import { seedDemoTenant } from '../../src/commands/tenants/demoSeeder.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import { createStore } from '../../src/db/store.js';
import type { Person } from '../../src/domain/person.js';
import type { Store } from '../../src/domain/ports/store.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { LocalDiskStorage } from '../../src/adapters/storage/index.js';
import { insertEntry } from '../support/documentFixtures.js';
import { sampleHtml } from '../support/sampleDocuments.js';
import type { WorkspaceEvent } from '../../src/domain/ports/notifier.js';

// Previews and the WOPI host against their real parts: SQLite, LibreOffice, files on disk.
const run = promisify(execFile);
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('previews and the WOPI host', () => {
  let temp: string;
  let db: Db;
  let store: Store;
  let files: LocalDiskStorage;
  let converter: SofficeConverter;
  let docx: Buffer;
  let tenantId: string;
  let roomId: string;
  let bernd: Person;
  let gabi: Person;
  const logger = pino({ level: 'silent' });

  const previewWorker = (c: SofficeConverter, clock: () => number) => {
    const p = previewHandlers({ store, files, converter: c });
    return new OutboxWorker({
      queue: jobQueue(db),
      handlers: p.handlers,
      onFailed: p.onFailed,
      logger,
      pollMs: 1000,
      now: clock,
      random: () => 0,
      kinds: { only: [jobKinds.documentPreview] },
    });
  };

  /** What the store told the live connections (socket.io) after each change. */
  const published: WorkspaceEvent[] = [];
  const roomChanges = () => published.filter((e) => e.type === 'room.changed' && e.roomId === roomId);

  const uploadDocx = async (name: string) => {
    const ids = await insertEntry(
      store,
      { tenantId, roomId, name, kind: 'file', contentType: docxType, bytes: docx, by: { id: bernd.id, name: 'Bernd' } },
      (tx, v) => enqueuePreview(tx, { id: v.versionId!, entryId: v.entryId, preview: 'pending' }),
    );
    await files.put(ids.storageKey!, Readable.from(docx), { maxBytes: docx.length, contentType: docxType });
    return ids;
  };

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'document-jobs-'));
    db = openDatabase(`sqlite:${path.join(temp, 'workspace.sqlite')}`);
    await migrateToLatest(db);
    store = createStore(db, { publish: (event) => published.push(event) });
    await seedDemoTenant(store, Date.now());
    const tenant = (await store.read.tenants.list({}))[0]!;
    tenantId = tenant.id;
    const people = await store.read.people.list(tenantId);
    bernd = people.find((p) => p.username === 'bernd.beispiel')!;
    gabi = people.find((p) => p.username === 'gabi.gast')!;
    roomId = randomUUID();
    await store.transaction(async (tx) => {
      await tx.rooms.insert({ id: roomId, tenantId, name: 'Akten', topic: '', visibility: 'private' }, Date.now());
      await tx.rooms.putMember(roomId, bernd.id, 'owner', Date.now());
      await tx.rooms.putMember(roomId, gabi.id, 'guest', Date.now());
    });
    files = new LocalDiskStorage(path.join(temp, 'files'));
    converter = new SofficeConverter({ sofficePath: 'soffice', timeoutMs: 60_000, concurrency: 1, tempDir: temp });
    docx = await converter.convert({ fileName: 'x.html', content: Buffer.from(sampleHtml) }, 'docx', (o) =>
      buffer(o.stream),
    );
  }, 120_000);

  afterAll(async () => {
    await converter.close();
    await db.destroy();
    await rm(temp, { recursive: true, force: true });
  });

  it('gives an uploaded DOCX a PDF preview through the outbox job', async () => {
    const { versionId, entryId } = await uploadDocx('Bericht.docx');
    expect((await store.read.documents.findVersion(versionId!))?.preview).toBe('pending');
    const before = roomChanges().length;
    expect(await previewWorker(converter, Date.now).drain()).toBe(1);
    const version = (await store.read.documents.findVersion(versionId!))!;
    // The room's members hear of it at once: a library open in a browser shows the preview without a reload.
    expect(roomChanges().slice(before)).toEqual([
      expect.objectContaining({ tenantId, personIds: expect.arrayContaining([bernd.id, gabi.id]) as string[] }),
    ]);
    expect(version).toMatchObject({ preview: 'ready', previewKey: `${tenantId}/${entryId}/${versionId}.preview.pdf` });
    const pdf = await buffer((await files.get(version.previewKey!))!.stream);
    const file = path.join(temp, 'preview.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(stdout).toContain('Tagesordnung für Ämter');
  }, 120_000);

  it('marks a preview failed with the reason once every attempt ran into the time limit', async () => {
    const { versionId } = await uploadDocx('Langsam.docx');
    const slow = new SofficeConverter({ sofficePath: 'soffice', timeoutMs: 150, concurrency: 1, tempDir: temp });
    let clock = Date.now();
    const worker = previewWorker(slow, () => clock);
    const changesBefore = roomChanges().length;
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await worker.drain()).toBe(1);
        const v = (await store.read.documents.findVersion(versionId!))!;
        expect(v.preview).toBe(attempt < 3 ? 'pending' : 'failed');
        clock += 10 * 60_000;
      }
      const failed = (await store.read.documents.findVersion(versionId!))!;
      expect(failed.previewError).toMatch(/ConversionTimeoutError.*longer than 150 ms/);
      // The failure, too, reaches the members' open libraries at once (the retries before it do not).
      expect(roomChanges().length).toBe(changesBefore + 1);
      expect(failed.previewKey).toBeNull();
      expect(await worker.drain()).toBe(0);
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('exports a text document as a DOCX named after it, with its content and nothing fetched', async () => {
    const { entryId } = await insertEntry(store, { tenantId, roomId, name: 'Protokoll: Sitzung/März', kind: 'text' });
    const asked: string[] = [];
    const texts = {
      html: async (id: string) => {
        asked.push(id);
        return sampleHtml.replace(
          '</body>',
          '<img src="http://127.0.0.1:9/tracker.png"><p style="background:url(http://127.0.0.1:9/x)">Ende</p></body>',
        );
      },
    };
    const ctx = {
      actor: {
        userId: gabi.id,
        subject: 's',
        username: gabi.username,
        displayName: 'Gabi',
        tenantId,
        tenantRole: gabi.role,
        platformAdmin: false,
      },
      requestId: null,
      now: Date.now(),
    };
    const file = await exportTextDocument(
      { store, converter, texts },
      ctx,
      { tenantId, roomId, entryId },
      'docx',
      async (f) => ({
        ...f,
        bytes: await buffer(f.stream),
      }),
    );
    expect(asked).toEqual([entryId]);
    expect(file.fileName).toBe('Protokoll Sitzung März.docx');
    expect(file.contentType).toBe(docxType);
    const text = await converter.convert({ fileName: 'x.docx', content: file.bytes }, 'txt', (o) => buffer(o.stream));
    expect(text.toString('utf8')).toContain('Tagesordnung für Ämter');
    expect(text.toString('utf8')).toContain('Ende');
    expect(file.bytes.includes(Buffer.from('tracker.png'))).toBe(false);
  }, 120_000);

  describe('WOPI', () => {
    let deps: WopiDeps;
    let tokens: JwtWopiTokens;
    beforeAll(() => {
      tokens = new JwtWopiTokens('a-session-secret-of-at-least-32-characters', 10);
      deps = { store, tokens, files, publicUrl: 'https://arbeit.example', maxUploadBytes: 10_000_000 };
    });

    it('answers CheckFileInfo and GetFile for a valid token, and saves PutFile as a new version', async () => {
      const { entryId, versionId } = await uploadDocx('Vorlage.docx');
      const { token } = await tokens.mint({ personId: bernd.id, entryId, write: true }, Date.now());
      const session = await openWopiSession(deps, token, entryId, Date.now());
      expect(checkFileInfo(session, deps.publicUrl)).toMatchObject({
        BaseFileName: 'Vorlage.docx',
        Size: docx.length,
        OwnerId: bernd.id,
        UserId: bernd.id,
        Version: versionId,
        UserCanWrite: true,
        ReadOnly: false,
        SupportsUpdate: true,
      });
      const got = await getFileContents(deps, session);
      expect((await buffer(got.stream)).equals(docx)).toBe(true);

      const saved = Buffer.concat([docx, Buffer.from('geändert')]);
      const newVersion = await putFileContents(deps, session, Readable.from(saved));
      const entry = (await store.read.documents.findEntry(entryId))!;
      expect(entry).toMatchObject({ currentVersionId: newVersion, size: saved.length, updatedBy: bernd.id });
      const versions = await store.read.documents.versions(entryId);
      expect(versions.map((v) => v.number)).toEqual([2, 1]);
      expect(versions[0]).toMatchObject({ preview: 'pending', contentType: docxType });
      const stored = await files.get(versions[0]!.storageKey);
      expect((await buffer(stored!.stream)).equals(saved)).toBe(true);
    }, 60_000);

    it('refuses bad, expired and foreign tokens (401), and writing with a read-only token or role', async () => {
      const { entryId } = await uploadDocx('Geheim.docx');
      const now = Date.now();
      const expect401 = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(WopiUnauthorized);
      await expect401(openWopiSession(deps, undefined, entryId, now));
      await expect401(openWopiSession(deps, 'kaputt', entryId, now));
      const { token } = await tokens.mint({ personId: bernd.id, entryId, write: true }, now);
      await expect401(openWopiSession(deps, token, randomUUID(), now));
      await expect401(openWopiSession(deps, token, entryId, now + 11 * 60_000));
      const other = new JwtWopiTokens('another-session-secret-of-32-characters!', 10);
      await expect401(
        openWopiSession(
          deps,
          (await other.mint({ personId: bernd.id, entryId, write: true }, now)).token,
          entryId,
          now,
        ),
      );

      const readOnly = (await tokens.mint({ personId: bernd.id, entryId, write: false }, now)).token;
      const reader = await openWopiSession(deps, readOnly, entryId, now);
      expect(checkFileInfo(reader, deps.publicUrl)).toMatchObject({ UserCanWrite: false, ReadOnly: true });
      await expect401(putFileContents(deps, reader, Readable.from(Buffer.from('x'))));
      // A room guest's token may claim writing; the policy says no.
      const guestToken = (await tokens.mint({ personId: gabi.id, entryId, write: true }, now)).token;
      const guest = await openWopiSession(deps, guestToken, entryId, now);
      expect(guest.write).toBe(false);
      await expect401(putFileContents(deps, guest, Readable.from(Buffer.from('x'))));
      expect((await store.read.documents.versions(entryId)).length).toBe(1);
      // Removed from the room: the token still verifies, the policy refuses.
      await store.transaction((tx) => tx.rooms.removeMember(roomId, gabi.id));
      await expect401(openWopiSession(deps, guestToken, entryId, now));
    }, 60_000);
  });
});
