import { openDatabase } from '../../src/db/database.js';
import { createScratchDatabase } from '../support/postgres.js';
import { release010UpgradeContract } from '../support/release010.js';

// The upgrade that runs on SQLite in the unit tests, here on a real PostgreSQL server: its types
// (bigint, bytea) are where an old row and a new column would disagree.
release010UpgradeContract('PostgreSQL', async () => {
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
