import type { Action } from '../domain/policies/policy.js';
import { notFound } from '../domain/errors.js';
import type { Store } from '../domain/ports/store.js';
import type { Tenant } from '../domain/tenant.js';
import { authorize, type CommandContext } from './context.js';

/** Loads a tenant and checks the action on it (every topic's commands start here). */
export async function loadTenantFor(
  store: Store,
  ctx: CommandContext,
  action: Action,
  tenantId: string,
  auditDenied: boolean,
): Promise<Tenant> {
  const tenant = await store.read.tenants.findById(tenantId);
  if (!tenant) throw notFound('Tenant');
  await authorize(
    store,
    ctx,
    action,
    { type: 'tenant', tenantId, archived: tenant.status === 'archived' },
    auditDenied ? { targetType: 'tenant', targetId: tenantId } : undefined,
  );
  return tenant;
}
