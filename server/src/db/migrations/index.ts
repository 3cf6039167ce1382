import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_outbox.js';

/** All migrations, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_outbox': m0001,
};
