import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { adminLoginAs, clientCall, synapseAccount } from '../support/matrixAdmin.js';
import { rawRequest } from '../support/rawUpload.js';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, provisionedTenantWithAdmin, tenantApi, type TenantApi } from '../support/tenantsApi.js';
import { readZip } from '../support/zipReader.js';

// A person's export and erasure (ADR 0053), read back from every part: the archive opens and holds
// the person's files byte for byte; after the erasure Keycloak has no account, Synapse shows the
// chat account deactivated and erased, the audit log keeps its entries under a pseudonym, the
// documents are handed over or gone per the tenant's rule, and the report says so.

interface ExportBody {
  id: string;
  state: string;
  expiresAt: string | null;
}
interface ErasureBody {
  id: string;
  state: string;
  pseudonym: string;
  report: {
    parts: { part: string; outcome: string; count?: number }[];
    documents: { entryId: string; action: string; to?: string }[];
  } | null;
}
interface EntryBody {
  id: string;
  currentVersion: { id: string } | null;
}

describe('a person’s export and erasure', () => {
  let db: Db;
  let admin: SignedIn;
  let stranger: SignedIn;
  let api: TenantApi;
  let tenantId: string;
  let slug: string;
  const keycloak = new KeycloakTestAdmin();

  /** A new member with a password, signed in, in a room the admin owns, with one uploaded file and one chat message. */
  async function personWithData(name: string, roomId: string, matrixRoomId: string) {
    const person = await api.newPerson(name);
    await api.peopleProvisioned();
    const password = `Pw-${name}-${randomBytes(6).toString('hex')}`;
    const subject = await keycloak.userId(person.username);
    await keycloak.call('PUT', `/users/${subject}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    expect((await api.call('PUT', `/rooms/${roomId}/members/${person.id}`, { role: 'member' })).status).toBe(204);
    const session = await signIn(person.username, password);
    const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n${name}\n`), randomBytes(200_000)]);
    const uploaded = await rawRequest(
      session,
      `/api/tenants/${tenantId}/rooms/${roomId}/documents/files?name=${encodeURIComponent(`Bericht ${name}.bin`)}`,
      Readable.from([bytes]),
      { contentLength: bytes.length },
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const entry = JSON.parse(uploaded.text) as EntryBody;
    // Readable (and so in an export) once the malware scan, where the stack runs one, has passed it.
    await eventually(
      async () =>
        json<{ scan: string }>(
          await fetchAs(session, `/api/tenants/${tenantId}/rooms/${roomId}/documents/entries/${entry.id}`),
          200,
        ),
      (e) => e.scan === 'none' || e.scan === 'clean',
    );
    const row = await db.selectFrom('people').select(['matrix_user_id']).where('id', '=', person.id).executeTakeFirst();
    const matrixUserId = row!.matrix_user_id!;
    // The person is in the chat room once the room has converged; then they send a message there.
    const { accessToken } = await adminLoginAs(matrixUserId);
    await eventually(
      async () => (await clientCall(accessToken, 'GET', '/joined_rooms')).body.joined_rooms as string[],
      (rooms) => rooms.includes(matrixRoomId),
    );
    const sent = await clientCall(
      accessToken,
      'PUT',
      `/rooms/${encodeURIComponent(matrixRoomId)}/send/m.room.message/${randomBytes(6).toString('hex')}`,
      { msgtype: 'm.text', body: `Hallo von ${name}` },
    );
    expect(sent.status).toBe(200);
    const email = `${name}@${slug}.example`;
    return { person, email, session, subject, bytes, entry, matrixUserId, eventId: sent.body.event_id as string };
  }

  let roomId: string;
  let matrixRoomId: string;

  beforeAll(async () => {
    db = openDatabase(stackEnv('DATABASE_URL'));
    const platform = await signInDemo('paula.plattform');
    slug = `gdpr-${randomBytes(3).toString('hex')}`;
    const [a, b] = await Promise.all([
      provisionedTenantWithAdmin(platform, slug),
      provisionedTenantWithAdmin(platform, `${slug}-b`),
    ]);
    admin = a.admin;
    stranger = b.admin;
    tenantId = a.tenant.id;
    api = tenantApi(admin, tenantId, slug);
    const room = await json<{ id: string }>(await api.call('POST', '/rooms', { name: `Akten ${slug}` }), 201);
    roomId = room.id;
    const synced = await eventually(
      async () =>
        json<{ sync: { state: string }; matrixRoomId: string | null }>(await api.call('GET', `/rooms/${roomId}`), 200),
      (r) => r.sync.state === 'done' && r.matrixRoomId !== null,
    );
    matrixRoomId = synced.matrixRoomId!;
  }, 240_000);

  afterAll(async () => {
    await db?.destroy();
  });

  it('exports a person’s data as an archive they download themselves; another tenant’s admin gets 404', async () => {
    const eva = await personWithData('eva', roomId, matrixRoomId);
    const base = `/api/tenants/${tenantId}/people/${eva.person.id}/exports`;
    expect((await fetchAs(stranger, base, { method: 'POST' })).status).toBe(404);
    const asked = await json<ExportBody>(await fetchAs(eva.session, base, { method: 'POST' }), 202);
    expect(asked.state).toBe('pending');
    const ready = await eventually(
      async () => (await json<{ exports: ExportBody[] }>(await fetchAs(eva.session, base), 200)).exports,
      (list) => list.some((e) => e.id === asked.id && e.state !== 'pending'),
    );
    const done = ready.find((e) => e.id === asked.id)!;
    expect(done.state).toBe('ready');
    expect(Date.parse(done.expiresAt!)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect((await fetchAs(stranger, `${base}/${asked.id}/archive`)).status).toBe(404);
    const download = await fetchAs(eva.session, `${base}/${asked.id}/archive`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const files = await readZip(Buffer.from(await download.arrayBuffer()));

    const readme = files.get('README.md')!.toString();
    expect(readme).toContain('Verschlüsselte Räume');
    expect(readme).toContain('Encrypted rooms');
    const profile = JSON.parse(files.get('profile.json')!.toString()) as {
      person: { email: string; username: string; tenantRole: string };
      signInAccount: { id: string; username: string };
    };
    expect(profile.person).toMatchObject({
      email: `eva@${slug}.example`,
      username: eva.person.username,
      tenantRole: 'member',
    });
    expect(profile.signInAccount).toMatchObject({ id: eva.subject, username: eva.person.username });
    const memberships = JSON.parse(files.get('memberships.json')!.toString()) as {
      rooms: { roomId: string; role: string }[];
    };
    expect(memberships.rooms).toEqual([expect.objectContaining({ roomId, role: 'member' })]);
    const audit = JSON.parse(files.get('audit.json')!.toString()) as {
      entries: { action: string; targetId: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['person.create', 'person.export']));
    const index = JSON.parse(files.get('documents/index.json')!.toString()) as {
      documents: { id: string; versions: { path: string; sha256: string }[] }[];
    };
    const document = index.documents.find((d) => d.id === eva.entry.id)!;
    expect(document.versions).toHaveLength(1);
    expect(files.get(document.versions[0]!.path)?.equals(eva.bytes)).toBe(true);
    const chatAccount = JSON.parse(files.get('chat/account.json')!.toString()) as { name: string };
    expect(chatAccount.name).toBe(eva.matrixUserId);
    const events = [...files.entries()].filter(([name]) => name.startsWith('chat/events/'));
    const lines = events
      .flatMap(([, body]) => body.toString().trim().split('\n'))
      .map((l) => JSON.parse(l) as { event_id: string; sender: string });
    expect(lines.map((e) => e.event_id)).toContain(eva.eventId);
    expect(lines.every((e) => e.sender === eva.matrixUserId)).toBe(true);
  });

  it('lets the tenant admin export a person, audited', async () => {
    const olaf = await api.newPerson('olaf');
    const asked = await json<ExportBody>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/${olaf.id}/exports`, { method: 'POST' }),
      202,
    );
    const audit = await json<{
      entries: { action: string; targetId: string; actorId: string; details: { exportId?: string } }[];
    }>(await api.call('GET', '/audit?action=person.export&limit=50'), 200);
    expect(audit.entries).toContainEqual(
      expect.objectContaining({
        targetId: olaf.id,
        actorId: admin.actor.userId,
        details: expect.objectContaining({ exportId: asked.id }),
      }),
    );
  });

  async function erase(personId: string, name: string): Promise<ErasureBody> {
    const url = `/api/tenants/${tenantId}/people/${personId}/erasure`;
    expect((await fetchAs(stranger, url, { method: 'POST', body: JSON.stringify({ confirmName: name }) })).status).toBe(
      404,
    );
    expect(
      (await fetchAs(admin, url, { method: 'POST', body: JSON.stringify({ confirmName: 'Jemand Anderes' }) })).status,
    ).toBe(422);
    const asked = await json<ErasureBody>(
      await fetchAs(admin, url, { method: 'POST', body: JSON.stringify({ confirmName: name }) }),
      202,
    );
    return eventually(
      async () => json<ErasureBody>(await api.call('GET', `/erasures/${asked.id}`), 200),
      (e) => e.state === 'done',
      90_000,
    );
  }

  async function expectErasedEverywhere(
    who: Awaited<ReturnType<typeof personWithData>>,
    erasure: ErasureBody,
  ): Promise<void> {
    // Keycloak: no account under its id, its sign-in name or its e-mail address.
    await expect(keycloak.call('GET', `/users/${who.subject}`)).rejects.toThrow(/HTTP 404/);
    expect(await keycloak.call('GET', `/users?exact=true&username=${encodeURIComponent(who.person.username)}`)).toEqual(
      [],
    );
    expect(await keycloak.call('GET', `/users?exact=true&email=${encodeURIComponent(who.email)}`)).toEqual([]);
    // Synapse: deactivated and erased.
    expect(await synapseAccount(who.matrixUserId)).toMatchObject({ deactivated: true, erased: true });
    // The audit log: the entries stay, under the pseudonym, and nothing of the person is left in them.
    const audit = await json<{ entries: { actorId: string | null; targetId: string | null }[] }>(
      await api.call('GET', '/audit?limit=200'),
      200,
    );
    expect(audit.entries.filter((e) => e.targetId === erasure.pseudonym).length).toBeGreaterThanOrEqual(2);
    expect(audit.entries.some((e) => e.actorId === erasure.pseudonym)).toBe(true);
    const text = JSON.stringify(audit.entries).toLowerCase();
    for (const trace of [who.person.id, who.person.username, who.email, who.matrixUserId]) {
      expect(text).not.toContain(trace.toLowerCase());
    }
    // The workspace: the row holds nothing of them; the report names every part.
    const row = await db.selectFrom('people').selectAll().where('id', '=', who.person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      username: erasure.pseudonym,
      first_name: '',
      subject: null,
      matrix_user_id: null,
      status: 'deactivated',
    });
    const parts = Object.fromEntries(erasure.report!.parts.map((p) => [p.part, p.outcome]));
    expect(parts.keycloak).toMatch(/account deleted/);
    expect(parts.synapse).toMatch(/erased/);
  }

  it('erases a person, handing their documents over to the room’s owner (the default rule)', async () => {
    const nina = await personWithData('nina', roomId, matrixRoomId);
    const erasure = await erase(nina.person.id, 'nina Probe');
    await expectErasedEverywhere(nina, erasure);
    expect(erasure.report!.documents).toEqual([
      expect.objectContaining({ entryId: nina.entry.id, action: 'handed-over', to: admin.actor.userId }),
    ]);
    const entry = await db
      .selectFrom('library_entries')
      .selectAll()
      .where('id', '=', nina.entry.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ created_by: admin.actor.userId });
    const download = await fetchAs(
      admin,
      `/api/tenants/${tenantId}/rooms/${roomId}/documents/entries/${nina.entry.id}/content`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(nina.bytes)).toBe(true);
    // An erased person is erased for good: no second erasure, no reactivation, no export.
    expect((await api.call('POST', `/people/${nina.person.id}/reactivate`)).status).toBe(409);
  });

  it('erases a person and deletes their documents where the tenant’s rule says so', async () => {
    expect(
      (await json<{ documents: string }>(await api.call('PUT', '/erasure-rule', { documents: 'delete' }), 200))
        .documents,
    ).toBe('delete');
    const dirk = await personWithData('dirk', roomId, matrixRoomId);
    const version = await db
      .selectFrom('library_versions')
      .select('storage_key')
      .where('entry_id', '=', dirk.entry.id)
      .executeTakeFirstOrThrow();
    const stored = path.join(stackEnv('STORAGE_DIR'), version.storage_key);
    expect(fs.existsSync(stored)).toBe(true);
    const erasure = await erase(dirk.person.id, 'Dirk  probe');
    await expectErasedEverywhere(dirk, erasure);
    expect(erasure.report!.documents).toEqual([expect.objectContaining({ entryId: dirk.entry.id, action: 'deleted' })]);
    expect(await db.selectFrom('library_entries').select('id').where('id', '=', dirk.entry.id).execute()).toEqual([]);
    expect(fs.existsSync(stored)).toBe(false);
    expect((await api.call('GET', `/erasures`)).status).toBe(200);
    expect((await fetchAs(stranger, `/api/tenants/${tenantId}/erasures/${erasure.id}`)).status).toBe(404);
  });
});
