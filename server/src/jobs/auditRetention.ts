import type { Logger } from 'pino';
import type { AuditRetention } from '../domain/ports/store.js';

const DAY = 24 * 60 * 60_000;

/**
 * Removes audit entries older than the retention period, once at start and
 * then hourly. This is the only code that deletes entries; no API can.
 */
export function startAuditRetention(options: {
  audit: AuditRetention;
  days: number;
  logger: Pick<Logger, 'info' | 'error'>;
  now?: () => number;
}): { stop: () => void; runOnce: () => Promise<number> } {
  const now = options.now ?? Date.now;
  const runOnce = async (): Promise<number> => {
    const removed = await options.audit.purgeBefore(now() - options.days * DAY);
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
