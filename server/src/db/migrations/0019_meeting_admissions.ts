import type { Kysely } from 'kysely';

// The meeting's waiting room (ADR 0051): a guest's request to enter (a link guest's, or a room
// guest's), shown to the room's moderators, admitted or declined by one of them. Only an admitted
// request gets a token.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_admissions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    // Exactly one of the two: the guest link a guest came by, or the room guest who asks.
    .addColumn('link_id', 'varchar(36)', (c) => c.references('guest_links.id'))
    .addColumn('person_id', 'varchar(36)', (c) => c.references('people.id'))
    .addColumn('display_name', 'varchar(300)', (c) => c.notNull())
    // 'waiting', 'admitted' or 'declined'.
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // When the guest last asked: a request nobody asks about any more is no longer shown.
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'varchar(36)')
    .execute();
  await db.schema
    .createIndex('meeting_admissions_room')
    .on('meeting_admissions')
    .columns(['room_id', 'state', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_admissions').execute();
}
