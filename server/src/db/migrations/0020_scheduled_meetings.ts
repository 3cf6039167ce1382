import type { Kysely } from 'kysely';

// Meetings planned in a room (ADR 0052): title, start (epoch ms, UTC), length in minutes, an
// optional agenda; the calendar invitations' SEQUENCE, raised by each change and the cancellation;
// and when the room's chat was reminded of the start (null: not yet), claimed once by the
// periodic pass.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scheduled_meetings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(36)', (c) => c.notNull().references('tenants.id'))
    .addColumn('room_id', 'varchar(36)', (c) => c.notNull().references('rooms.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('agenda', 'text')
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    // 'scheduled' or 'cancelled'.
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('reminded_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('scheduled_meetings_room')
    .on('scheduled_meetings')
    .columns(['room_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('scheduled_meetings_due')
    .on('scheduled_meetings')
    .columns(['status', 'reminded_at', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_meetings').execute();
}
