import type { Kysely } from 'kysely';

// The meeting's waiting room (ADR 0051): a link guest's request to enter, shown to the room's
// moderators, admitted or declined by one of them. Only an admitted request gets a token.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_admissions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    .addColumn('link_id', 'varchar(36)', (c) => c.notNull().references('guest_links.id'))
    .addColumn('display_name', 'varchar(300)', (c) => c.notNull())
    // 'waiting', 'admitted' or 'declined'.
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
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
