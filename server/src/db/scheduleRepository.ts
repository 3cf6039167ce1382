import type { Selectable } from 'kysely';
import type { ScheduledMeeting } from '../domain/scheduledMeeting.js';
import type { ScheduleRepository } from '../domain/ports/store.js';
import type { Executor, ScheduledMeetingsTable } from './schema.js';

function toScheduled(row: Selectable<ScheduledMeetingsTable>): ScheduledMeeting {
  if (row.status !== 'scheduled' && row.status !== 'cancelled') {
    throw new Error(`scheduled meeting ${row.id}: unknown status ${row.status}`);
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    roomId: row.room_id,
    title: row.title,
    agenda: row.agenda,
    startsAt: Number(row.starts_at),
    durationMinutes: Number(row.duration_minutes),
    sequence: Number(row.sequence),
    status: row.status,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    remindedAt: row.reminded_at === null ? null : Number(row.reminded_at),
  };
}

/** Meetings planned in rooms (ADR 0052). */
export function scheduleRepository(db: Executor): ScheduleRepository {
  return {
    async insert(m) {
      await db
        .insertInto('scheduled_meetings')
        .values({
          id: m.id,
          tenant_id: m.tenantId,
          room_id: m.roomId,
          title: m.title,
          agenda: m.agenda,
          starts_at: m.startsAt,
          duration_minutes: m.durationMinutes,
          sequence: m.sequence,
          status: m.status,
          created_by: m.createdBy,
          created_at: m.createdAt,
          updated_at: m.updatedAt,
          reminded_at: m.remindedAt,
        })
        .execute();
    },
    async find(id) {
      const row = await db.selectFrom('scheduled_meetings').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toScheduled(row) : undefined;
    },
    async endingAfter(roomId, after) {
      const rows = await db
        .selectFrom('scheduled_meetings')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('status', '=', 'scheduled')
        // The longest meeting is eight hours: a start before that cannot end after `after`.
        .where('starts_at', '>', after - 8 * 3_600_000)
        .orderBy('starts_at')
        .execute();
      return rows.map(toScheduled).filter((m) => m.startsAt + m.durationMinutes * 60_000 > after);
    },
    async startingBetween(from, to) {
      const rows = await db
        .selectFrom('scheduled_meetings')
        .selectAll()
        .where('status', '=', 'scheduled')
        .where('reminded_at', 'is', null)
        .where('starts_at', '>', from)
        .where('starts_at', '<=', to)
        .orderBy('starts_at')
        .execute();
      return rows.map(toScheduled);
    },
    async change(id, expectedSequence, change) {
      const result = await db
        .updateTable('scheduled_meetings')
        .set({
          title: change.title,
          agenda: change.agenda,
          starts_at: change.startsAt,
          duration_minutes: change.durationMinutes,
          sequence: expectedSequence + 1,
          status: change.status,
          updated_at: change.updatedAt,
          reminded_at: change.remindedAt,
        })
        .where('id', '=', id)
        .where('sequence', '=', expectedSequence)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async claimReminder(id, startsAt, now) {
      const result = await db
        .updateTable('scheduled_meetings')
        .set({ reminded_at: now })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .where('starts_at', '=', startsAt)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
