import type { Kysely } from 'kysely';

// A person's export and erasure (GDPR Art. 15, 17, 20; ADR 0053): the archives asked for, made by a
// job and kept until they expire; each erasure with its report; and the tenant's rule for the
// documents an erased person created ('handover' to the room's owners, or 'delete').
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_exports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    // No reference: the archive of a person who is erased later stays until it expires.
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('requested_by_name', 'varchar(300)', (c) => c.notNull())
    // 'pending', 'ready', 'failed' or 'expired'.
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(300)')
    .addColumn('size', 'bigint')
    .addColumn('error', 'varchar(1000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ready_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('data_exports_person').on('data_exports').columns(['person_id', 'created_at']).execute();
  await db.schema.createIndex('data_exports_expiry').on('data_exports').columns(['state', 'expires_at']).execute();
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().unique())
    // What replaces the person in the audit log and on documents, the same in every entry.
    .addColumn('pseudonym', 'varchar(64)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('requested_by_name', 'varchar(300)', (c) => c.notNull())
    // 'pending' until every part has followed, then 'done'.
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('documents_rule', 'varchar(16)', (c) => c.notNull())
    // JSON: what was erased where, written once every part has followed.
    .addColumn('report', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('erasures_tenant').on('erasures').columns(['tenant_id', 'created_at']).execute();
  await db.schema
    .alterTable('tenant_policies')
    .addColumn('erasure_documents', 'varchar(16)', (c) => c.notNull().defaultTo('handover'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenant_policies').dropColumn('erasure_documents').execute();
  await db.schema.dropTable('erasures').execute();
  await db.schema.dropTable('data_exports').execute();
}
