import { getJson, queryString } from './http';
import { isRecord } from './json';
import { list, oneOf, record, text, textOrNull } from './shape';
import { tenantPath } from './tenants';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  tenantId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  outcome?: AuditOutcome;
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** Whose log: one tenant's, or every tenant's and the platform's. */
export type AuditScope = { kind: 'tenant'; tenantId: string } | { kind: 'platform' };

export function parseAuditEntry(value: unknown): AuditEntry {
  const e = record(value);
  return {
    id: text(e.id),
    at: text(e.at),
    actorId: textOrNull(e.actorId),
    actorName: typeof e.actorName === 'string' ? e.actorName : '',
    tenantId: textOrNull(e.tenantId),
    action: text(e.action),
    targetType: text(e.targetType),
    targetId: textOrNull(e.targetId),
    outcome: oneOf(AUDIT_OUTCOMES, e.outcome),
    requestId: textOrNull(e.requestId),
    details: isRecord(e.details) ? e.details : {},
  };
}

export function parseAuditPage(value: unknown): AuditPage {
  const b = record(value);
  return { entries: list(b.entries, parseAuditEntry), nextCursor: textOrNull(b.nextCursor) };
}

export async function readAudit(scope: AuditScope, query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  const base = scope.kind === 'platform' ? '/api/audit' : `${tenantPath(scope.tenantId)}/audit`;
  const path = `${base}${queryString({ ...query })}`;
  return parseAuditPage((await getJson(path, signal ? { signal } : {})).body);
}
