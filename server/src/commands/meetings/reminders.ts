import { jobKinds } from '../../domain/jobs/catalog.js';
import type { Store } from '../../domain/ports/store.js';
import { meetingReminder, reminderDue, scheduleLimits } from '../../domain/scheduledMeeting.js';

/**
 * One pass over the planned meetings that start within the next minutes (ADR 0052): the room's
 * chat of each is reminded, through the outbox, as the meeting notices are (ADR 0046). The pass
 * claims each reminder in the transaction that queues it, so a second pass, another replica's,
 * or one after a restart finds it claimed and posts nothing; the notice's transaction id is the
 * meeting's and its start's, so a notice sent again is the same event to the homeserver.
 */
export async function meetingReminderPass(store: Store, now: number): Promise<number> {
  let reminded = 0;
  for (const m of await store.read.schedule.startingBetween(now, now + scheduleLimits.reminderBeforeMs)) {
    if (!reminderDue(m, now)) continue;
    const room = await store.read.rooms.findById(m.roomId);
    if (!room || room.status !== 'active') continue;
    const queued = await store.transaction(async (tx) => {
      if (!(await tx.schedule.claimReminder(m.id, m.startsAt, now))) return false;
      await tx.outbox.enqueue({
        kind: jobKinds.roomNotice,
        payload: { roomId: m.roomId, ...meetingReminder(m), txnId: `meeting-reminder-${m.id}-${m.startsAt}` },
        dedupeKey: `meeting:${m.id}:reminder:${m.startsAt}`,
      });
      return true;
    });
    if (queued) reminded += 1;
  }
  return reminded;
}
