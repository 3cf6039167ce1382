import type { Kysely } from 'kysely';
import type { CollabDocuments } from '../domain/ports/collab.js';
import type { Database } from './schema.js';

/** Text documents' editing state, one row per entry, replaced as a whole on every store. */
export function collabRepository(db: Kysely<Database>): CollabDocuments {
  return {
    async load(entryId) {
      const row = await db
        .selectFrom('collab_documents')
        .select('state')
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      // Both drivers hand back a Buffer; a plain Uint8Array view keeps callers off Node's type.
      return row ? new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) : null;
    },
    async store(entryId, state, now) {
      const bytes = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
      await db
        .insertInto('collab_documents')
        .values({ entry_id: entryId, state: bytes, updated_at: now })
        .onConflict((oc) => oc.column('entry_id').doUpdateSet({ state: bytes, updated_at: now }))
        .execute();
    },
  };
}
