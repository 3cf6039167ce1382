import type { AuditEntry } from '../../domain/audit.js';
import type { AuditQuery, Store } from '../../domain/ports/store.js';
import { authorize, type CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';

export type AuditFilter = Omit<AuditQuery, 'tenantId'>;

/** A tenant's audit log, for its admins and platform admins. */
export async function readTenantAudit(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  filter: AuditFilter,
): Promise<AuditEntry[]> {
  await loadTenantFor(store, ctx, 'audit.read', tenantId, false);
  return store.read.audit.query({ ...filter, tenantId });
}

/** Every tenant's entries and the platform's own, for platform admins. */
export async function readAllAudit(store: Store, ctx: CommandContext, filter: AuditFilter): Promise<AuditEntry[]> {
  await authorize(store, ctx, 'audit.readAll', { type: 'platform' });
  return store.read.audit.query(filter);
}
