import type { Logger } from 'pino';
import { sweepOrphanedObjects } from '../commands/library/storageSweeper.js';
import type { FileStorage } from '../domain/ports/files.js';
import type { Store } from '../domain/ports/store.js';
import { startPeriodicPass } from './periodicPass.js';

/** Runs the sweeper of unreferenced stored objects periodically, in the reconciler's style. */
export function startStorageSweeperSchedule(options: {
  store: Store;
  storage: FileStorage;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  return startPeriodicPass(
    options.intervalMs,
    async () => {
      const removed = await sweepOrphanedObjects({ store: options.store, storage: options.storage, now: Date.now() });
      if (removed > 0) options.logger.info({ removed }, 'unreferenced stored objects removed');
    },
    (error) => options.logger.warn({ err: error }, 'storage sweep incomplete; next pass retries'),
  );
}
