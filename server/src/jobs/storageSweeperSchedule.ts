import type { Logger } from 'pino';
import { sweepOrphanedObjects } from '../commands/documents/storageSweeper.js';
import type { FileStorage } from '../domain/ports/files.js';
import type { Store } from '../domain/ports/store.js';
import { startCountingPass } from './periodicPass.js';

/** Runs the sweeper of unreferenced stored objects periodically, in the reconciler's interval. */
export function startStorageSweeperSchedule(options: {
  store: Store;
  storage: FileStorage;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  const { store, storage } = options;
  return startCountingPass({
    ...options,
    pass: () => sweepOrphanedObjects({ store, storage, now: Date.now() }),
    field: 'removed',
    changed: 'unreferenced stored objects removed',
    failed: 'storage sweep incomplete; next pass retries',
  });
}
