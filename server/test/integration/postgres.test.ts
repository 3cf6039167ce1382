import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { outboxContract } from '../support/outboxContract.js';
import { createScratchDatabase } from '../support/postgres.js';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';

// PostgreSQL is a configuration of the same code, not a fork: the outbox
// contract that runs on SQLite in the unit tests runs here on a real server.
outboxContract('PostgreSQL', async () => {
  const scratch = await createScratchDatabase();
  const db = openDatabase(scratch.url);
  return {
    db,
    dispose: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
});

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
    const response = await fetch(`${run.url}/readyz`);
    const body = (await response.json()) as { checks: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.checks.database?.status).toBe('up');

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
