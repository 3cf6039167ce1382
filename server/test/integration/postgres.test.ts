import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { rememberLogoutToken } from '../../src/db/sessionRepository.js';
import { collabContract } from '../support/collabContract.js';
import { outboxContract } from '../support/outboxContract.js';
import { createScratchDatabase, scratchWorkspaceDatabase } from '../support/postgres.js';
import { createStore } from '../../src/db/store.js';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';

// PostgreSQL is a configuration of the same code, not a fork: the outbox
// contract that runs on SQLite in the unit tests runs here on a real server.
outboxContract('PostgreSQL', scratchWorkspaceDatabase);

collabContract('PostgreSQL', scratchWorkspaceDatabase);

describe('the backend on PostgreSQL', () => {
  let run: BackendRun | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await run?.stop();
    await drop?.();
    run = undefined;
    drop = undefined;
  });

  it('migrates an empty database and is ready, with DATABASE_URL as the only change', async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    run = await startBackend({ DATABASE_URL: scratch.url });
    await waitUntilListening(run);
    // Ready means every part answered, the PostgreSQL database among them (the parts are a platform admin's to see).
    const response = await fetch(`${run.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });

    const db = openDatabase(scratch.url);
    try {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['kysely_migration', 'outbox_jobs', 'tenants', 'people', 'audit_events']),
      );
      // Migrating again is a no-op.
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe('meetings on PostgreSQL', () => {
  it('keeps room names, presence, guest links and tenant policies, upserting where it should', async () => {
    const scratch = await createScratchDatabase();
    const db = openDatabase(scratch.url);
    try {
      await migrateToLatest(db);
      const store = createStore(db);
      const [tenantId, personId, roomId, linkId] = [
        '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000002',
        '00000000-0000-4000-8000-000000000003',
        '00000000-0000-4000-8000-000000000004',
      ];
      const now = Date.now();
      await store.transaction(async (tx) => {
        await tx.tenants.insert({ id: tenantId, slug: 'pg', name: 'PG', emailDomains: ['pg.example'] }, now);
        await tx.people.insert(
          {
            id: personId,
            tenantId,
            username: 'p',
            email: 'p@pg.example',
            firstName: 'P',
            lastName: 'G',
            role: 'member',
          },
          now,
        );
        await tx.rooms.insert({ id: roomId, tenantId, name: 'R', topic: '', visibility: 'private' }, now);
      });
      const m = { ...store.read.meetings, ...store.write.meetings };
      expect(await m.ensureRoomName(roomId, 'wsfirst', now)).toBe('wsfirst');
      expect(await m.ensureRoomName(roomId, 'wssecond', now)).toBe('wsfirst');
      await m.setStartedAt(roomId, now);
      expect(await m.startedAt(roomId)).toBe(now);
      await m.putPresent(roomId, personId, 'P G', now);
      await m.putPresent(roomId, personId, 'P G', now + 5);
      expect(await m.participants(roomId)).toEqual([{ personId, displayName: 'P G', present: true, joinedAt: now }]);
      expect(await m.markLeft(roomId, personId)).toBe(true);
      expect(await m.markLeft(roomId, personId)).toBe(false);
      expect(await m.policy(tenantId)).toEqual({ meetings: true, guests: true, recording: false, secondFactor: false });
      await m.setPolicy(tenantId, { meetings: false, guests: true, recording: true, secondFactor: false }, now);
      await m.setPolicy(tenantId, { meetings: true, guests: false, recording: true, secondFactor: true }, now);
      expect(await m.policy(tenantId)).toEqual({ meetings: true, guests: false, recording: true, secondFactor: true });
      await m.insertGuestLink({
        id: linkId,
        tenantId,
        roomId,
        name: 'Gast',
        createdBy: personId,
        createdByName: 'P G',
        createdAt: now,
        expiresAt: now + 3_600_000,
        revokedAt: null,
        tokenSalt: 'salt',
        tokenHash: 'a'.repeat(64),
      });
      expect((await m.guestLinkByTokenHash('a'.repeat(64)))?.expiresAt).toBe(now + 3_600_000);
      await m.revokeGuestLink(linkId, now + 1);
      expect((await m.guestLink(linkId))?.revokedAt).toBe(now + 1);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});

describe('back-channel logout tokens on PostgreSQL', () => {
  it('remembers a token once: a replay is told apart, also by a second connection', async () => {
    const scratch = await createScratchDatabase();
    const [db, replica] = [openDatabase(scratch.url), openDatabase(scratch.url)];
    try {
      await migrateToLatest(db);
      const now = Date.now();
      expect(await rememberLogoutToken(db, 'a'.repeat(64), now + 60_000, now)).toBe(true);
      expect(await rememberLogoutToken(replica, 'a'.repeat(64), now + 60_000, now)).toBe(false);
      expect(await rememberLogoutToken(replica, 'b'.repeat(64), now + 60_000, now)).toBe(true);
      // Past its time a record is gone: the next insert clears it.
      expect(await rememberLogoutToken(db, 'c'.repeat(64), now + 200_000, now + 120_000)).toBe(true);
      const left = await db.selectFrom('seen_logout_tokens').select('id').execute();
      expect(left.map((row) => row.id[0])).toEqual(['c']);
    } finally {
      await replica.destroy();
      await db.destroy();
      await scratch.drop();
    }
  });
});
