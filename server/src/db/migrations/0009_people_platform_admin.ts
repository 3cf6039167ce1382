import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Whether the person's sign-in account holds the platform admin role: such a person is managed
  // by platform admins only. Kept from the identity provider at provisioning and at every sign-in.
  await db.schema
    .alterTable('people')
    .addColumn('platform_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('platform_admin').execute();
}
