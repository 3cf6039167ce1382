import { scratchWorkspaceDatabase } from '../support/postgres.js';
import { release010UpgradeContract } from '../support/release010.js';

// The upgrade that runs on SQLite in the unit tests, here on a real PostgreSQL server: its types
// (bigint, bytea) are where an old row and a new column would disagree.
release010UpgradeContract('PostgreSQL', scratchWorkspaceDatabase);
