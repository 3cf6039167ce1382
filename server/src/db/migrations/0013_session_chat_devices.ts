import type { Kysely } from 'kysely';

// The chat devices a browser signed in with during a workspace session (ADR 0029): when the session
// ends, however it ends, each one is logged out at the homeserver through the outbox.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_chat_devices')
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('matrix_user_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_chat_devices_pk', ['session_id', 'device_id'])
    .execute();
  await db.schema
    .createIndex('session_chat_devices_device')
    .on('session_chat_devices')
    .columns(['matrix_user_id', 'device_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_chat_devices').execute();
}
