import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Back-channel logout tokens already acted on, by their `jti` (hashed), kept until the token could
  // no longer be accepted anyway: a replayed token is refused on every replica of the backend.
  await db.schema
    .createTable('seen_logout_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seen_logout_tokens_expires').on('seen_logout_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seen_logout_tokens').execute();
}
