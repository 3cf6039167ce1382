import type { Logger } from 'pino';
import { purgeAuditBefore } from '../db/auditRepository.js';
import type { Db } from '../db/database.js';

const DAY = 24 * 60 * 60_000;

/**
 * Removes audit entries older than the retention period, once at start and
 * then hourly. This is the only code that deletes entries; no API can.
 */
export function startAuditRetention(options: {
  db: Db;
  days: number;
  logger: Pick<Logger, 'info' | 'error'>;
  now?: () => number;
}): { stop: () => void; runOnce: () => Promise<number> } {
  const now = options.now ?? Date.now;
  const runOnce = async (): Promise<number> => {
    const removed = await purgeAuditBefore(options.db, now() - options.days * DAY);
    if (removed > 0)
      options.logger.info({ removed, retentionDays: options.days }, 'audit entries past retention removed');
    return removed;
  };
  const tick = () => {
    runOnce().catch((error: unknown) => options.logger.error({ err: error }, 'audit retention failed'));
  };
  tick();
  const timer = setInterval(tick, 60 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
