import type { Logger } from 'pino';
import { guestExpiryPass } from '../commands/people/guestExpiry.js';
import type { Store } from '../domain/ports/store.js';
import { startCountingPass } from './periodicPass.js';

/** Tells sponsors of guests whose access ends soon, and ends what has ended, in the reconciler's interval. */
export function startGuestExpirySchedule(options: {
  store: Store;
  logger: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
}): { stop: () => void } {
  const { store } = options;
  return startCountingPass({
    ...options,
    pass: async () => {
      const { noticed, expired } = await guestExpiryPass(store, Date.now());
      return noticed + expired;
    },
    field: 'guests',
    changed: 'guest terms: sponsors told or access ended',
    failed: 'guest expiry pass incomplete; next pass retries',
  });
}
