import type { Kysely } from 'kysely';

// Mail (ADR 0041): the language a person's mail is written in ('de' or 'en'; German for everybody
// from before), when their last invitation went out (epoch ms; null: none yet), and whether they get
// the workspace's notices by e-mail (1, the default, or 0: they turned them off).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('de'))
    .execute();
  await db.schema.alterTable('people').addColumn('invited_at', 'bigint').execute();
  await db.schema
    .alterTable('people')
    .addColumn('mail_notices', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('mail_notices').execute();
  await db.schema.alterTable('people').dropColumn('invited_at').execute();
  await db.schema.alterTable('people').dropColumn('locale').execute();
}
