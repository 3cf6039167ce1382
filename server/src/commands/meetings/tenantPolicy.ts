import type { TenantPolicy } from '../../domain/meeting.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';

const MB = 1024 * 1024;

export interface TenantPolicyView extends TenantPolicy {
  /** The tenant's largest upload in MB; null: the installation's default. */
  maxUploadMb: number | null;
  abilities: Record<string, boolean>;
}

export interface TenantPolicyChange extends Omit<TenantPolicy, 'secondFactor'> {
  /** Left out: unchanged. */
  secondFactor?: boolean | undefined;
  /** Left out: unchanged. */
  maxUploadMb?: number | null | undefined;
}

async function present(store: Store, ctx: CommandContext, tenantId: string, archived: boolean) {
  const maxBytes = await store.read.library.maxUploadBytes(tenantId);
  return {
    ...(await store.read.meetings.policy(tenantId)),
    // Whole bytes were stored; six decimals give back the MB that were set.
    maxUploadMb: maxBytes === null ? null : Math.round((maxBytes / MB) * 1e6) / 1e6,
    abilities: abilities(ctx.actor, { type: 'tenant', tenantId, archived }),
  };
}

export async function getTenantPolicy(store: Store, ctx: CommandContext, tenantId: string): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.readPolicy', tenantId, false);
  return present(store, ctx, tenantId, tenant.status === 'archived');
}

/**
 * Meetings, guests, recording, the second factor for everybody and the largest upload for the whole
 * tenant (audited with before and after). With the second factor switched on, every session of the
 * tenant without one loses the tenant at its next request until the person confirms it.
 */
export async function setTenantPolicy(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  change: TenantPolicyChange,
): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.updatePolicy', tenantId, true);
  const { maxUploadMb, secondFactor, ...rest } = change;
  await store.transaction(async (tx) => {
    const before = {
      ...(await tx.meetings.policy(tenantId)),
      maxUploadBytes: await tx.library.maxUploadBytes(tenantId),
    };
    const policy = { ...rest, secondFactor: secondFactor ?? before.secondFactor };
    await tx.meetings.setPolicy(tenantId, policy, ctx.now);
    if (maxUploadMb !== undefined) {
      await tx.library.setMaxUploadBytes(tenantId, maxUploadMb === null ? null : Math.round(maxUploadMb * MB), ctx.now);
    }
    const after = { ...policy, maxUploadBytes: await tx.library.maxUploadBytes(tenantId) };
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'tenant.updatePolicy',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
        details: { before, after },
      }),
    );
  });
  return present(store, ctx, tenantId, tenant.status === 'archived');
}
