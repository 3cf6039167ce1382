import path from 'node:path';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';

export type Db = Kysely<Database>;

/**
 * Opens the database named by DATABASE_URL: `sqlite:<file>` (or `sqlite::memory:`)
 * for the embedded default, `postgres://…` in production. The rest of the code
 * sees only Kysely, so neither choice leaks past this folder.
 */
export function openDatabase(url: string): Db {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  }
  // int8 columns hold epoch milliseconds, well inside the safe integer range.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server closes (restart, failover, an administrator) is reported
  // on the pool; without a listener that report would end the process. The pool drops the
  // connection and the next query opens a new one; queries that were running fail on their own.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The migrator of this code's migrations; tests use it to build a database as an earlier release left it. */
export function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
