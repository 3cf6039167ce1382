import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A room's documents: folders, files and collaborative text documents.
  await db.schema
    .createTable('library_entries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('library_entries.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('current_version_id', 'varchar(36)')
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(255)', (c) => c.notNull())
    .addColumn('updated_by_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('deleted_by', 'varchar(255)')
    .execute();
  await db.schema
    .createIndex('library_entries_folder')
    .on('library_entries')
    .columns(['room_id', 'parent_id', 'deleted_at'])
    .execute();
  // A name is unique among the live entries of a folder (case-insensitive), in both dialects.
  await sql`create unique index library_entries_live_name on library_entries (room_id, coalesce(parent_id, ''), lower(name)) where deleted_at is null`.execute(
    db,
  );

  // Every upload or save is a version; the previous ones stay restorable.
  await db.schema
    .createTable('library_versions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().references('library_entries.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(512)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('preview_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('preview_key', 'varchar(512)')
    .addColumn('preview_error', 'varchar(1000)')
    .addUniqueConstraint('library_versions_number', ['entry_id', 'number'])
    .execute();

  // Per tenant: the largest file one upload may bring (null: the installation's default).
  await db.schema.alterTable('tenant_policies').addColumn('max_upload_bytes', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenant_policies').dropColumn('max_upload_bytes').execute();
  await db.schema.dropTable('library_versions').execute();
  await db.schema.dropTable('library_entries').execute();
}
