import type { Logger } from 'pino';
import { expireExports } from '../commands/privacy/dataExports.js';
import type { FileStorage } from '../domain/ports/files.js';
import type { Store } from '../domain/ports/store.js';
import { startCountingPass } from './periodicPass.js';

/** Removes the bytes of export archives whose time is up (ADR 0053), in the reconciler's interval. */
export function startExportExpirySchedule(options: {
  store: Store;
  storage: FileStorage;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  const { store, storage } = options;
  return startCountingPass({
    ...options,
    pass: () => expireExports(store, storage, Date.now()),
    field: 'expired',
    changed: 'expired export archives removed',
    failed: 'export expiry incomplete; next pass retries',
  });
}
