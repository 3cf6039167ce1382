import type { Logger } from 'pino';
import { reconcileAllRooms } from '../commands/rooms/roomReconciler.js';
import type { ChatRooms } from '../domain/ports/chat.js';
import type { Store } from '../domain/ports/store.js';
import { startCountingPass } from './periodicPass.js';

/** Runs the room reconciler periodically (it also runs on demand through the API). */
export function startRoomReconcilerSchedule(options: {
  store: Store;
  chat: ChatRooms;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  const { store, chat } = options;
  return startCountingPass({
    ...options,
    pass: () => reconcileAllRooms({ store, chat, now: Date.now }),
    field: 'repaired',
    changed: 'rooms repaired after drift',
    failed: 'room reconciliation incomplete; next pass retries',
  });
}
