export type AuditOutcome = 'success' | 'failure' | 'denied';

/** One entry of the audit log. Entries are only ever appended. */
export interface AuditEntry {
  id: string;
  at: number;
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
