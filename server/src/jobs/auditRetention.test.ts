import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { appendAudit, auditRetention, queryAudit } from '../db/auditRepository.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { startAuditRetention } from './auditRetention.js';

describe('audit retention', () => {
  it('removes entries older than the retention period and keeps the rest', async () => {
    const db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    const now = Date.UTC(2026, 10, 26);
    const day = 24 * 60 * 60_000;
    const entry = (at: number, action: string) =>
      appendAudit(db, {
        at,
        actorId: 'a',
        actorName: 'A',
        tenantId: null,
        action,
        targetType: 'tenant',
        targetId: null,
        outcome: 'success',
        requestId: null,
      });
    await entry(now - 91 * day, 'old');
    await entry(now - 89 * day, 'recent');
    await entry(now, 'today');
    const retention = startAuditRetention({
      audit: auditRetention(db),
      days: 90,
      logger: pino({ level: 'silent' }),
      now: () => now,
    });
    retention.stop();
    await retention.runOnce();
    const left = await queryAudit(db, { limit: 10 });
    expect(left.map((e) => e.action)).toEqual(['today', 'recent']);
    await db.destroy();
  });
});
