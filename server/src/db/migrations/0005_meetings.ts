import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One per room, made when the room's meeting is first asked for: the video
  // system's name of the room is random, never derived from the title.
  await db.schema
    .createTable('meetings')
    .addColumn('room_id', 'varchar(36)', (c) => c.primaryKey().references('rooms.id'))
    .addColumn('jitsi_room', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('started_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Who has been in the running meeting, and who still is (present 1/0).
  await db.schema
    .createTable('meeting_participants')
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('people.id'))
    .addColumn('display_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_participants_pk', ['room_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('guest_links')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // SHA-256 of the link's secret (hex); the secret itself is never stored.
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    // With the server's key, the link's secret can be made again (to show the link to those who manage it).
    .addColumn('token_salt', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('guest_links_room').on('guest_links').columns(['room_id', 'created_at']).execute();

  await db.schema
    .createTable('tenant_policies')
    .addColumn('tenant_id', 'varchar(36)', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('meetings', 'integer', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('recording', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_policies').execute();
  await db.schema.dropTable('guest_links').execute();
  await db.schema.dropTable('meeting_participants').execute();
  await db.schema.dropTable('meetings').execute();
}
