import type { Logger } from 'pino';
import { reconcileAllRooms } from '../commands/rooms/roomReconciler.js';
import type { ChatRooms } from '../domain/ports/chat.js';
import type { Store } from '../domain/ports/store.js';
import { startPeriodicPass } from './periodicPass.js';

/** Runs the room reconciler periodically (it also runs on demand through the API). */
export function startRoomReconcilerSchedule(options: {
  store: Store;
  chat: ChatRooms;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  return startPeriodicPass(
    options.intervalMs,
    async () => {
      const repaired = await reconcileAllRooms({ store: options.store, chat: options.chat, now: Date.now });
      if (repaired > 0) options.logger.info({ repaired }, 'rooms repaired after drift');
    },
    (error) => options.logger.warn({ err: error }, 'room reconciliation incomplete; next pass retries'),
  );
}
