import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEntry } from '../domain/audit.js';
import type { AuditQuery, AuditRetention, NewAudit } from '../domain/ports/store.js';
import type { AuditEventsTable, Executor } from './schema.js';

export type NewAuditEntry = NewAudit & { at?: number };

export function toAuditEntry(row: Selectable<AuditEventsTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    tenantId: row.tenant_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome,
    requestId: row.request_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/**
 * Appends one entry. There is deliberately no update or delete here: the only
 * removal is the retention job (`purgeAuditBefore`).
 */
export async function appendAudit(db: Executor, entry: NewAuditEntry): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('audit_events')
    .values({
      id,
      at: entry.at ?? Date.now(),
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      tenant_id: entry.tenantId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      outcome: entry.outcome,
      request_id: entry.requestId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
  return id;
}

export async function queryAudit(db: Executor, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (q.tenantId !== undefined) query = query.where('tenant_id', '=', q.tenantId);
  if (q.action !== undefined) query = query.where('action', '=', q.action);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.outcome !== undefined) query = query.where('outcome', '=', q.outcome);
  if (q.from !== undefined) query = query.where('at', '>=', q.from);
  if (q.to !== undefined) query = query.where('at', '<=', q.to);
  const before = q.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(toAuditEntry);
}

/** Retention: removes entries older than the cutoff; returns how many. */
export async function purgeAuditBefore(db: Executor, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('audit_events').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function auditRetention(db: Executor): AuditRetention {
  return { purgeBefore: (cutoff) => purgeAuditBefore(db, cutoff) };
}
