import type { Kysely } from 'kysely';

// Sign-in state of the backend-for-frontend: sign-ins in progress and sessions.
// Secrets are never stored as given: session ids as SHA-256 hashes, tokens and
// PKCE verifiers encrypted (see server/src/http/auth/tokenCipher.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_logins')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('browser_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('nonce', 'varchar(128)', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_logins_created').on('pending_logins').column('created_at').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject', 'varchar(64)', (c) => c.notNull())
    .addColumn('provider_session_id', 'varchar(128)')
    .addColumn('username', 'varchar(255)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('refresh_token', 'text')
    .addColumn('id_token', 'text')
    .addColumn('access_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_subject').on('sessions').column('subject').execute();
  await db.schema.createIndex('sessions_provider_session').on('sessions').column('provider_session_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('pending_logins').execute();
}
