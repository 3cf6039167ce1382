import { describe, expect, it } from 'vitest';
import { appendAudit, auditRetention, queryAudit } from './auditRepository.js';
import { migrateToLatest, openDatabase } from './database.js';

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
    expect(await auditRetention(db).purgeBefore(now - 90 * day)).toBe(1);
    const left = await queryAudit(db, { limit: 10 });
    expect(left.map((e) => e.action)).toEqual(['today', 'recent']);
    await db.destroy();
  });
});
