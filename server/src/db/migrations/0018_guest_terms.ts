import type { Kysely } from 'kysely';

// Guests with a sponsor and an end date (ADR 0050): the member who sponsors a tenant guest, when
// the guest's access ends (epoch ms), and when the sponsor was told that the end is near (null:
// not yet). All three are null for everyone but tenant guests.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').addColumn('sponsor_id', 'varchar(64)').execute();
  await db.schema.alterTable('people').addColumn('expires_at', 'bigint').execute();
  await db.schema.alterTable('people').addColumn('expiry_notice_at', 'bigint').execute();
  await db.schema.createIndex('people_expires_at').on('people').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('people_expires_at').execute();
  await db.schema.alterTable('people').dropColumn('expiry_notice_at').execute();
  await db.schema.alterTable('people').dropColumn('expires_at').execute();
  await db.schema.alterTable('people').dropColumn('sponsor_id').execute();
}
