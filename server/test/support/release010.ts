import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { collabRepository } from '../../src/db/collabRepository.js';
import { migrateToLatest, migrator, type Db } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import { claimNext, enqueue } from '../../src/db/outboxRepository.js';
import {
  findPersonForSignIn,
  findSession,
  sessionDeviceRepository,
  takePendingLogin,
} from '../../src/db/sessionRepository.js';
import { createStore } from '../../src/db/store.js';
import { failureRecordOf } from '../../src/domain/jobs/catalog.js';
import { roomSyncCoalesceKey } from '../../src/domain/jobs/roomJobs.js';
import type { DatabaseUnderTest } from './outboxContract.js';

/** The migrations of release 0.1.0 (commit bef264e): what a database of that release has run. */
export const release010Migrations = [
  '0001_outbox',
  '0002_tenants_people_audit',
  '0003_sessions',
  '0004_rooms',
  '0005_meetings',
  '0006_outbox_coalesce',
  '0007_library',
  '0008_collab',
] as const;

type Value = string | number | null | Buffer;

/**
 * Inserts a row in plain SQL, naming the columns as they were at 0.1.0: today's schema types
 * must not shape data that an older release wrote.
 */
async function insertRow(db: Db, table: string, row: Record<string, Value>): Promise<void> {
  const columns = sql.join(Object.keys(row).map((column) => sql.ref(column)));
  const values = sql.join(Object.values(row).map((value) => sql`${value}`));
  await sql`insert into ${sql.table(table)} (${columns}) values (${values})`.execute(db);
}

const at = Date.UTC(2026, 10, 20, 9, 0, 0);
const day = 86_400_000;
const id = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const ids = {
  tenant: id(1),
  admin: id(2),
  member: id(3),
  room: id(4),
  guestLink: id(5),
  file: id(6),
  version: id(7),
  text: id(8),
  audit: id(9),
  job: id(10),
  session: 'a'.repeat(64),
  pendingLogin: 'b'.repeat(64),
};
const collabState = Buffer.from([1, 2, 0, 255, 0, 128, 7]);

/** Rows as the code of release 0.1.0 wrote them (its repositories in server/src/db at bef264e). */
async function seedRelease010(db: Db): Promise<void> {
  await insertRow(db, 'tenants', {
    id: ids.tenant,
    slug: 'musterstadt',
    name: 'Stadt Musterstadt',
    email_domains: JSON.stringify(['musterstadt.example']),
    status: 'active',
    sync: 'done',
    sync_error: null,
    keycloak_org_id: 'org-musterstadt',
    matrix_space_id: '!space:matrix.example',
    created_at: at,
    updated_at: at,
    archived_at: null,
  });
  const person = (personId: string, made: number, name: [string, string], role: string, subject: string | null) => {
    const username = name.join('.').toLowerCase();
    return insertRow(db, 'people', {
      id: personId,
      tenant_id: ids.tenant,
      username,
      email: `${username}@musterstadt.example`,
      first_name: name[0],
      last_name: name[1],
      role,
      status: 'active',
      sync: subject === null ? 'pending' : 'done',
      sync_error: null,
      subject,
      matrix_user_id: subject === null ? null : `@${username}:matrix.example`,
      created_at: made,
      updated_at: made,
    });
  };
  await person(ids.admin, at + 1, ['Anna', 'Admin'], 'tenant-admin', 'subject-anna');
  await person(ids.member, at + 2, ['Max', 'Mitglied'], 'member', null);
  await insertRow(db, 'tenant_policies', {
    tenant_id: ids.tenant,
    meetings: 1,
    guests: 0,
    recording: 1,
    max_upload_bytes: 50_000_000,
    updated_at: at,
  });

  await insertRow(db, 'rooms', {
    id: ids.room,
    tenant_id: ids.tenant,
    name: 'Bauamt',
    topic: 'Anträge und Pläne',
    visibility: 'private',
    status: 'active',
    sync: 'done',
    sync_error: null,
    matrix_room_id: '!bauamt:matrix.example',
    created_at: at + 10,
    updated_at: at + 10,
    archived_at: null,
  });
  await insertRow(db, 'room_members', { room_id: ids.room, person_id: ids.admin, role: 'owner', added_at: at + 10 });
  await insertRow(db, 'room_members', { room_id: ids.room, person_id: ids.member, role: 'member', added_at: at + 11 });
  await insertRow(db, 'meetings', {
    room_id: ids.room,
    jitsi_room: 'ws3f9a1c',
    started_at: at + 20,
    created_at: at + 19,
  });
  await insertRow(db, 'meeting_participants', {
    room_id: ids.room,
    person_id: ids.admin,
    display_name: 'Anna Admin',
    present: 1,
    joined_at: at + 20,
  });
  await insertRow(db, 'guest_links', {
    id: ids.guestLink,
    tenant_id: ids.tenant,
    room_id: ids.room,
    name: 'Planungsbüro',
    token_hash: 'c'.repeat(64),
    token_salt: 'd'.repeat(32),
    created_by: ids.admin,
    created_by_name: 'Anna Admin',
    created_at: at + 30,
    expires_at: at + 30 + 7 * day,
    revoked_at: null,
  });

  const byAnna = { created_by: ids.admin, created_by_name: 'Anna Admin', created_at: at + 40 };
  const entry = { tenant_id: ids.tenant, room_id: ids.room, parent_id: null, ...byAnna };
  const updated = { updated_by: ids.admin, updated_by_name: 'Anna Admin', updated_at: at + 40 };
  const gone = { deleted_at: null, deleted_by: null };
  await insertRow(db, 'library_entries', {
    id: ids.file,
    ...entry,
    kind: 'file',
    name: 'Bebauungsplan.pdf',
    current_version_id: ids.version,
    size: 12_345,
    content_type: 'application/pdf',
    ...updated,
    ...gone,
  });
  await insertRow(db, 'library_versions', {
    id: ids.version,
    entry_id: ids.file,
    number: 1,
    storage_key: `${ids.tenant}/${ids.file}/${ids.version}`,
    size: 12_345,
    content_type: 'application/pdf',
    sha256: 'e'.repeat(64),
    ...byAnna,
    preview_state: 'ready',
    preview_key: `${ids.tenant}/${ids.file}/${ids.version}.preview.pdf`,
    preview_error: null,
  });
  await insertRow(db, 'library_entries', {
    id: ids.text,
    ...entry,
    kind: 'text',
    name: 'Protokoll',
    current_version_id: null,
    size: 0,
    content_type: '',
    ...updated,
    ...gone,
  });
  await insertRow(db, 'collab_documents', { entry_id: ids.text, state: collabState, updated_at: at + 50 });

  await insertRow(db, 'pending_logins', {
    id: ids.pendingLogin,
    browser_hash: 'f'.repeat(64),
    nonce: 'nonce-1',
    code_verifier: 'v1.verifier',
    return_to: '/rooms',
    created_at: at + 60,
  });
  await insertRow(db, 'sessions', {
    id: ids.session,
    subject: 'subject-anna',
    provider_session_id: 'sid-anna',
    username: 'anna.admin',
    display_name: 'Anna Admin',
    roles: JSON.stringify(['tenant-admin']),
    access_token: 'v1.access',
    refresh_token: 'v1.refresh',
    id_token: 'v1.id',
    access_expires_at: at + 60 + 300_000,
    csrf_token: '0'.repeat(64),
    created_at: at + 60,
    last_seen_at: at + 70,
    expires_at: at + 60 + day,
  });
  await insertRow(db, 'audit_events', {
    id: ids.audit,
    at: at + 10,
    actor_id: ids.admin,
    actor_name: 'Anna Admin',
    tenant_id: ids.tenant,
    action: 'room.create',
    target_type: 'room',
    target_id: ids.room,
    outcome: 'success',
    request_id: 'request-1',
    details: JSON.stringify({ name: 'Bauamt', visibility: 'private' }),
  });
  await insertRow(db, 'outbox_jobs', {
    id: ids.job,
    kind: 'room.sync',
    payload: JSON.stringify({ roomId: ids.room }),
    dedupe_key: null,
    coalesce_key: `room.sync:${ids.room}`,
    status: 'pending',
    attempts: 0,
    max_attempts: 25,
    run_at: at + 10,
    locked_until: null,
    last_error: null,
    created_at: at + 10,
    updated_at: at + 10,
  });
}

/** Reads the 0.1.0 rows through today's code: every value kept, every later column at its default. */
async function expectRelease010Data(db: Db): Promise<void> {
  const { read } = createStore(db);
  expect(await read.tenants.findById(ids.tenant)).toEqual({
    id: ids.tenant,
    slug: 'musterstadt',
    name: 'Stadt Musterstadt',
    emailDomains: ['musterstadt.example'],
    status: 'active',
    sync: 'done',
    syncError: null,
    createdAt: at,
    archivedAt: null,
  });
  expect(await read.tenants.links(ids.tenant)).toEqual({
    keycloakOrgId: 'org-musterstadt',
    matrixSpaceId: '!space:matrix.example',
  });

  // People from before invitations existed are written to in German and have had no invitation
  // yet; none of them is a guest, so none has a guest's term.
  const person = {
    tenantId: ids.tenant,
    status: 'active',
    syncError: null,
    platformAdmin: false,
    locale: 'de',
    invitedAt: null,
    mailNotices: true,
    guestTerm: null,
  };
  expect(await read.people.list(ids.tenant)).toEqual([
    {
      ...person,
      id: ids.admin,
      username: 'anna.admin',
      email: 'anna.admin@musterstadt.example',
      firstName: 'Anna',
      lastName: 'Admin',
      role: 'tenant-admin',
      sync: 'done',
      subject: 'subject-anna',
      createdAt: at + 1,
    },
    {
      ...person,
      id: ids.member,
      username: 'max.mitglied',
      email: 'max.mitglied@musterstadt.example',
      firstName: 'Max',
      lastName: 'Mitglied',
      role: 'member',
      sync: 'pending',
      subject: null,
      createdAt: at + 2,
    },
  ]);
  expect(await read.people.links(ids.admin)).toEqual({
    subject: 'subject-anna',
    matrixUserId: '@anna.admin:matrix.example',
  });
  expect(await findPersonForSignIn(db, 'subject-anna')).toEqual({
    id: ids.admin,
    tenantId: ids.tenant,
    role: 'tenant-admin',
    status: 'active',
    subject: 'subject-anna',
    tenantRequiresSecondFactor: false,
  });

  expect(await read.rooms.findById(ids.room)).toEqual({
    id: ids.room,
    tenantId: ids.tenant,
    name: 'Bauamt',
    topic: 'Anträge und Pläne',
    visibility: 'private',
    encrypted: true,
    status: 'active',
    sync: 'done',
    syncError: null,
    createdAt: at + 10,
    archivedAt: null,
  });
  expect(await read.rooms.matrixRoomId(ids.room)).toBe('!bauamt:matrix.example');
  const members = await read.rooms.members(ids.room);
  expect([...members].sort((a, b) => a.addedAt - b.addedAt)).toEqual([
    { roomId: ids.room, personId: ids.admin, role: 'owner', addedAt: at + 10 },
    { roomId: ids.room, personId: ids.member, role: 'member', addedAt: at + 11 },
  ]);
  expect(await read.rooms.roomsOf(ids.member)).toEqual([ids.room]);

  expect(await read.meetings.roomName(ids.room)).toBe('ws3f9a1c');
  expect(await read.meetings.startedAt(ids.room)).toBe(at + 20);
  expect(await read.meetings.participants(ids.room)).toEqual([
    { personId: ids.admin, displayName: 'Anna Admin', present: true, joinedAt: at + 20 },
  ]);
  expect(await read.meetings.policy(ids.tenant)).toEqual({
    meetings: true,
    guests: false,
    recording: true,
    secondFactor: false,
  });
  expect(await read.meetings.guestLinkByTokenHash('c'.repeat(64))).toMatchObject({
    id: ids.guestLink,
    roomId: ids.room,
    name: 'Planungsbüro',
    expiresAt: at + 30 + 7 * day,
    revokedAt: null,
    tokenSalt: 'd'.repeat(32),
  });

  const document = { tenantId: ids.tenant, roomId: ids.room, parentId: null, createdBy: ids.admin };
  expect(await read.documents.listRoom(ids.room)).toEqual([
    expect.objectContaining({ ...document, id: ids.file, kind: 'file', name: 'Bebauungsplan.pdf', size: 12_345 }),
    expect.objectContaining({ ...document, id: ids.text, kind: 'text', name: 'Protokoll', currentVersionId: null }),
  ]);
  expect(await read.documents.findEntry(ids.file)).toMatchObject({
    currentVersionId: ids.version,
    contentType: 'application/pdf',
    updatedBy: ids.admin,
    updatedByName: 'Anna Admin',
    updatedAt: at + 40,
    deletedAt: null,
    deletedBy: null,
  });
  expect(await read.documents.versions(ids.file)).toEqual([
    {
      id: ids.version,
      entryId: ids.file,
      number: 1,
      storageKey: `${ids.tenant}/${ids.file}/${ids.version}`,
      size: 12_345,
      contentType: 'application/pdf',
      sha256: 'e'.repeat(64),
      createdBy: ids.admin,
      createdByName: 'Anna Admin',
      createdAt: at + 40,
      preview: 'ready',
      previewKey: `${ids.tenant}/${ids.file}/${ids.version}.preview.pdf`,
      previewError: null,
      // Stored before scanning existed (migration 0022): not scanned, and readable as before.
      scan: 'none',
      scanSignature: null,
    },
  ]);
  expect(await read.documents.usedBytes(ids.tenant)).toBe(12_345);
  expect(await read.documents.maxUploadBytes(ids.tenant)).toBe(50_000_000);
  expect(await collabRepository(db).load(ids.text)).toEqual(new Uint8Array(collabState));

  expect(await read.audit.query({ tenantId: ids.tenant, limit: 10 })).toEqual([
    {
      id: ids.audit,
      at: at + 10,
      actorId: ids.admin,
      actorName: 'Anna Admin',
      tenantId: ids.tenant,
      action: 'room.create',
      targetType: 'room',
      targetId: ids.room,
      outcome: 'success',
      requestId: 'request-1',
      details: { name: 'Bauamt', visibility: 'private' },
    },
  ]);

  // Signed in before the second factor existed: counted as without one, so a tenant rule asks for it.
  const found = await findSession(db, ids.session);
  expect(found?.session).toMatchObject({
    subject: 'subject-anna',
    provider_session_id: 'sid-anna',
    roles: JSON.stringify(['tenant-admin']),
    access_token: 'v1.access',
    refresh_token: 'v1.refresh',
    expires_at: at + 60 + day,
    second_factor: 0,
  });
  expect(found?.person).toMatchObject({ id: ids.admin, role: 'tenant-admin', tenantRequiresSecondFactor: false });
  expect(await db.selectFrom('session_chat_devices').selectAll().execute()).toEqual([]);
  // The session is live to today's code: a chat device can be tied to it.
  const device = { sessionId: ids.session, matrixUserId: '@anna.admin:matrix.example', deviceId: 'DEVICE1' };
  expect(await sessionDeviceRepository(db).bindChatDevice(device, at + 80)).toBe('bound');
  expect(await takePendingLogin(db, ids.pendingLogin)).toMatchObject({ return_to: '/rooms', second_factor: 0 });

  // The waiting job still takes in a later change to its room, and today's worker can take it up.
  const change = { kind: 'room.sync', payload: { roomId: ids.room }, coalesceKey: roomSyncCoalesceKey(ids.room) };
  expect(await enqueue(db, change, at + day)).toBe(ids.job);
  const job = await claimNext(db, at + day, 60_000);
  expect(job).toEqual({
    id: ids.job,
    kind: 'room.sync',
    payload: { roomId: ids.room },
    status: 'running',
    attempts: 1,
    maxAttempts: 25,
    runAt: at + 10,
    lastError: null,
  });
  expect(job && failureRecordOf(job)).toEqual({ type: 'room', id: ids.room });
  expect(await claimNext(db, at + day, 60_000)).toBeUndefined();
}

/**
 * Upgrading a database that release 0.1.0 left behind, on every database the product supports
 * (SQLite in the unit tests, PostgreSQL in the integration tests).
 */
export function release010UpgradeContract(dialect: string, open: () => Promise<DatabaseUnderTest>): void {
  describe(`a database of release 0.1.0 on ${dialect}`, () => {
    it('migrates to the latest schema, keeping every row and giving the new columns their defaults', async () => {
      const { db, dispose } = await open();
      try {
        const released = await migrator(db).migrateTo('0008_collab');
        expect(released.error).toBeUndefined();
        expect(released.results?.map((r) => r.migrationName)).toEqual(release010Migrations);
        await seedRelease010(db);

        const names = Object.keys(migrations);
        expect(names.slice(0, release010Migrations.length)).toEqual(release010Migrations);
        const later = names.slice(release010Migrations.length);
        expect(later).toEqual(
          expect.arrayContaining([
            '0009_people_platform_admin',
            '0010_seen_logout_tokens',
            '0012_second_factor',
            '0013_session_chat_devices',
          ]),
        );
        expect(await migrateToLatest(db)).toEqual(
          later.map((migrationName) => ({ migrationName, direction: 'Up', status: 'Success' })),
        );

        await expectRelease010Data(db);
      } finally {
        await dispose();
      }
    });
  });
}
