import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { release010Migrations, release010UpgradeContract } from '../../test/support/release010.js';
import { openDatabase } from './database.js';

release010UpgradeContract('SQLite', () => {
  const db = openDatabase('sqlite::memory:');
  return Promise.resolve({ db, dispose: () => db.destroy() });
});

// Installations of a release have run its migrations and never run them again: an edit to one
// would reach new installations only, and the two would drift apart without anyone noticing.
const releasedMigrationSha256: Record<(typeof release010Migrations)[number], string> = {
  '0001_outbox': 'bc7b2ff8c622ee5efb6cf179fb8c8480656100ea40a21e2790842529784672fd',
  '0002_tenants_people_audit': '0053f0bb7b2181ea3fccb571a74fa690e6ef4bc2fab062cf3d1e1c8114e3aeb4',
  '0003_sessions': 'b0e157a45fd697a909a25edefa00e207d19a57f11a99ed40ca8cdcf6f7b414df',
  '0004_rooms': '3b7aabd5fffc35e00b7a5875e5f9c8854c7bfbacf92be0620f86d5f9f5b5a258',
  '0005_meetings': 'efaacbc72daf96ea3859852852bfd3fe66daf4f1d5d6677d3ffbd4ca85778b06',
  '0006_outbox_coalesce': 'bc9beef1c13eae8337892735b3b7d7d310750d5effa0c4b1226d574cc2f604cd',
  '0007_library': '7c94cd12ac1810db357778517168af7966a95ca47d64bf2e11ee3f7f7437564a',
  '0008_collab': '3dc0c8219fa60e0c799aca86be6c100a7ef0aa5ac52c6d6d7bd5ae508eb6c906',
};

describe('the migrations of release 0.1.0', () => {
  it.each(release010Migrations)('%s is as released', (name) => {
    const file = readFileSync(new URL(`./migrations/${name}.ts`, import.meta.url));
    expect(
      createHash('sha256').update(file).digest('hex'),
      `${name} was released with 0.1.0 and must not be edited: add a new migration instead`,
    ).toBe(releasedMigrationSha256[name]);
  });
});
