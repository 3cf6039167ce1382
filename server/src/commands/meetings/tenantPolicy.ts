import type { TenantPolicy } from '../../domain/meeting.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadTenantFor } from '../people/loadPerson.js';

export interface TenantPolicyView extends TenantPolicy {
  abilities: Record<string, boolean>;
}

async function present(store: Store, ctx: CommandContext, tenantId: string, archived: boolean) {
  return {
    ...(await store.read.meetings.policy(tenantId)),
    abilities: abilities(ctx.actor, { type: 'tenant', tenantId, archived }),
  };
}

export async function getTenantPolicy(store: Store, ctx: CommandContext, tenantId: string): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.readPolicy', tenantId, false);
  return present(store, ctx, tenantId, tenant.status === 'archived');
}

/** Meetings, guests and recording on or off for the whole tenant (audited with before and after). */
export async function setTenantPolicy(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  policy: TenantPolicy,
): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.updatePolicy', tenantId, true);
  await store.transaction(async (tx) => {
    const before = await tx.meetings.policy(tenantId);
    await tx.meetings.setPolicy(tenantId, policy, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'tenant.updatePolicy',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
        details: { before, after: policy },
      }),
    );
  });
  return present(store, ctx, tenantId, tenant.status === 'archived');
}
