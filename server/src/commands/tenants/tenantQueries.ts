import { allow } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import type { Tenant } from '../../domain/tenant.js';
import type { CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';

/** Platform admins see every tenant; everyone else sees only their own. */
export async function listTenants(store: Store, ctx: CommandContext): Promise<Tenant[]> {
  if (allow(ctx.actor, 'tenant.list', { type: 'platform' })) return store.read.tenants.list({});
  return ctx.actor.tenantId ? store.read.tenants.list({ ids: [ctx.actor.tenantId] }) : [];
}

export function getTenant(store: Store, ctx: CommandContext, tenantId: string): Promise<Tenant> {
  return loadTenantFor(store, ctx, 'tenant.read', tenantId, false);
}
