import type { Kysely } from 'kysely';

// The second factor (ADR 0025): whether a session was signed in with one (sessions), whether a
// sign-in in progress asked for one (pending_logins), and the tenant's rule that everybody in it
// needs one (tenant_policies). 1 or 0, 0 for every row from before.
const tables = ['sessions', 'pending_logins', 'tenant_policies'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) {
    await db.schema
      .alterTable(table)
      .addColumn('second_factor', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables].reverse()) {
    await db.schema.alterTable(table).dropColumn('second_factor').execute();
  }
}
