import type { Logger } from 'pino';
import { meetingReminderPass } from '../commands/meetings/reminders.js';
import type { Store } from '../domain/ports/store.js';
import { startCountingPass } from './periodicPass.js';

/** Reminds rooms' chats of their planned meetings shortly before the start (ADR 0052). */
export function startMeetingReminderSchedule(options: {
  store: Store;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  const { store } = options;
  return startCountingPass({
    ...options,
    pass: () => meetingReminderPass(store, Date.now()),
    field: 'meetings',
    changed: 'planned meetings: rooms reminded',
    failed: 'meeting reminder pass incomplete; next pass retries',
  });
}
