import type { Logger } from 'pino';
import type { SessionManager } from '../commands/sessions/sessionManager.js';
import { startPeriodicPass } from './periodicPass.js';

/** How often housekeeping runs: a quarter of the idle time, between 15 seconds and 5 minutes. */
export function housekeepingEveryMs(idleMs: number): number {
  return Math.min(5 * 60_000, Math.max(15_000, Math.round(idleMs / 4)));
}

/**
 * Removes ended sessions (their chat devices are logged out with them) and abandoned sign-ins
 * every few minutes, more often when the idle time is short. A session left idle ends here even
 * when its browser never comes back, and its chat devices with it: the session's end is late by
 * at most one interval.
 */
export function startSessionHousekeeping(options: {
  sessions: Pick<SessionManager, 'purgeExpired' | 'idleMs'>;
  logger: Pick<Logger, 'warn'>;
}): { stop: () => void } {
  return startPeriodicPass(
    housekeepingEveryMs(options.sessions.idleMs),
    async () => {
      await options.sessions.purgeExpired();
    },
    (error) => options.logger.warn({ err: error }, 'session housekeeping failed'),
  );
}
