import type { Kysely } from 'kysely';

/** Converging jobs that a later change may fold into while they still wait (see `coalesceKey`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox_jobs').addColumn('coalesce_key', 'varchar(255)').execute();
  await db.schema.createIndex('outbox_jobs_coalesce').on('outbox_jobs').columns(['coalesce_key', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_jobs_coalesce').execute();
  await db.schema.alterTable('outbox_jobs').dropColumn('coalesce_key').execute();
}
