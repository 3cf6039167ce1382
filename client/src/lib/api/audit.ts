import { auditPage, type AuditPage, type AuditQuery } from '@arbeitsbereich/contract';
import { getJson, queryString } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

/** Whose log: one tenant's, or every tenant's and the platform's. */
export type AuditScope = { kind: 'tenant'; tenantId: string } | { kind: 'platform' };

export async function readAudit(scope: AuditScope, query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  const base = scope.kind === 'platform' ? '/api/audit' : `${tenantPath(scope.tenantId)}/audit`;
  const path = `${base}${queryString({ ...query })}`;
  return parseWith(auditPage, (await getJson(path, signal ? { signal } : {})).body);
}
