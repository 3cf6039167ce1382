import type { Kysely } from 'kysely';

// Invitations by e-mail (ADR 0041): the language a person's mail is written in ('de' or 'en'; German
// for everybody from before) and when their last invitation went out (epoch ms; null: none yet).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('de'))
    .execute();
  await db.schema.alterTable('people').addColumn('invited_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('invited_at').execute();
  await db.schema.alterTable('people').dropColumn('locale').execute();
}
