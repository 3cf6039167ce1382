import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startAuditRetention } from './auditRetention.js';

describe('audit retention', () => {
  it('removes what is older than the retention period at start and on each run', async () => {
    const now = Date.UTC(2026, 10, 26);
    const cutoffs: number[] = [];
    const retention = startAuditRetention({
      audit: {
        purgeBefore: (cutoff) => {
          cutoffs.push(cutoff);
          return Promise.resolve(2);
        },
      },
      days: 90,
      logger: pino({ level: 'silent' }),
      now: () => now,
    });
    retention.stop();
    expect(await retention.runOnce()).toBe(2);
    const cutoff = now - 90 * 24 * 60 * 60_000;
    expect(cutoffs).toEqual([cutoff, cutoff]);
  });
});
