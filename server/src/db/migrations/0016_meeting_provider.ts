import type { Kysely } from 'kysely';

// Meetings that behave like a meeting product (ADR 0046): the video system a room's meeting was last
// held on ('livekit' or 'jitsi'; null: no token minted since), so removing someone from the room
// removes them from a running meeting only where the video system can.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('provider', 'varchar(16)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('provider').execute();
}
