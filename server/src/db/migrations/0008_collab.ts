import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The shared editing state (a Yjs document, encoded as one update) of each collaborative text document.
  // Declared `bytea`: PostgreSQL's binary type; SQLite accepts any type name and gives this one
  // numeric affinity, which stores blobs unchanged, so one declaration keeps the bytes in both
  // dialects without asking which one runs (and without base64's third more).
  await db.schema
    .createTable('collab_documents')
    .addColumn('entry_id', 'varchar(36)', (c) =>
      // Purging the entry takes its editing state with it.
      c.primaryKey().references('library_entries.id').onDelete('cascade'),
    )
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('collab_documents').execute();
}
