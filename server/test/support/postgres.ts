import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/database.js';
import { stackEnv } from './stackEnv.js';

/**
 * Creates an empty database on the test stack's PostgreSQL server and returns
 * its URL and a function that drops it again.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = stackEnv('TEST_POSTGRES_URL');
  const name = `scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The workspace's database on a new scratch database of the test server, and how to drop it again. */
export async function scratchWorkspaceDatabase(): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const scratch = await createScratchDatabase();
  const db = openDatabase(scratch.url);
  return {
    db,
    dispose: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
}
