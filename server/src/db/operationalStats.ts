import type { OperationalStats, OutboxKindStats } from '../domain/ports/operationalStats.js';
import type { Db } from './database.js';

/** The audit actions that record a repair of drift, and what each repaired. */
const repairActions: Record<string, string> = { 'room.repair': 'room', 'storage.repair': 'storage' };

/** Monitoring's reads: a few grouped counts, on the indexes the outbox and sessions already have. */
export function operationalStats(db: Db): OperationalStats {
  return {
    async outbox() {
      const rows = await db
        .selectFrom('outbox_jobs')
        .where('status', 'in', ['pending', 'running', 'failed'])
        .select([
          'kind',
          'status',
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.min('created_at').as('oldest'),
        ])
        .groupBy(['kind', 'status'])
        .execute();
      const byKind = new Map<string, OutboxKindStats>();
      for (const row of rows) {
        const stats = byKind.get(row.kind) ?? {
          kind: row.kind,
          pending: 0,
          running: 0,
          failed: 0,
          oldestPendingAt: null,
        };
        const n = Number(row.n);
        if (row.status === 'pending') {
          stats.pending = n;
          stats.oldestPendingAt = row.oldest === null ? null : Number(row.oldest);
        } else if (row.status === 'running') stats.running = n;
        else stats.failed = n;
        byKind.set(row.kind, stats);
      }
      return [...byKind.values()];
    },
    async activeSessions(now) {
      const row = await db
        .selectFrom('sessions')
        .where('expires_at', '>', now)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async repairs() {
      const rows = await db
        .selectFrom('audit_events')
        .where('action', 'in', Object.keys(repairActions))
        .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('action')
        .execute();
      return rows.map((row) => ({ target: repairActions[row.action] ?? row.action, count: Number(row.n) }));
    },
  };
}
