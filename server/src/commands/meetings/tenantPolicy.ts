import type { TenantPolicy } from '../../domain/meeting.js';
import { invalid } from '../../domain/errors.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';

const MB = 1024 * 1024;

export interface TenantPolicyView extends TenantPolicy {
  /** The tenant's largest upload in MB; null: the installation's default. */
  maxUploadMb: number | null;
  /** The installation's largest upload in MB (DOCUMENTS_MAX_UPLOAD_MB): no tenant goes above it. */
  maxUploadMbCeiling: number;
  /** What the tenant's documents take in storage (all versions and the trash), and its quota (null: none). */
  storage: { usedBytes: number; quotaBytes: number | null };
  abilities: Record<string, boolean>;
}

export interface TenantPolicyChange extends Omit<TenantPolicy, 'secondFactor'> {
  /** Left out: unchanged. */
  secondFactor?: boolean | undefined;
  /** Left out: unchanged. */
  maxUploadMb?: number | null | undefined;
}

/** What the tenant policy's limits are checked against: the installation's own. */
export interface PolicyLimits {
  /** The installation's largest upload in bytes (DOCUMENTS_MAX_UPLOAD_MB). */
  maxUploadBytes: number;
  /** Each tenant's storage quota in bytes (TENANT_STORAGE_QUOTA_MB); null: none. */
  quotaBytes?: number | null;
}

/**
 * A tenant's largest upload is whole megabytes, at least 1 and at most the
 * installation's largest upload: a tenant may be stricter, never laxer.
 */
export function checkMaxUploadMb(mb: number, limits: PolicyLimits): void {
  const ceiling = Math.floor(limits.maxUploadBytes / MB);
  if (!Number.isInteger(mb) || mb < 1 || mb > ceiling) {
    throw invalid(`The largest upload must be a whole number of MB from 1 to ${ceiling} (the installation's limit)`, {
      field: 'maxUploadMb',
      min: 1,
      max: ceiling,
    });
  }
}

async function present(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  archived: boolean,
  limits: PolicyLimits,
): Promise<TenantPolicyView> {
  const maxBytes = await store.read.documents.maxUploadBytes(tenantId);
  return {
    ...(await store.read.meetings.policy(tenantId)),
    // Whole bytes were stored; six decimals give back the MB that were set (older settings had fractions).
    maxUploadMb: maxBytes === null ? null : Math.round((maxBytes / MB) * 1e6) / 1e6,
    maxUploadMbCeiling: Math.floor(limits.maxUploadBytes / MB),
    storage: { usedBytes: await store.read.documents.usedBytes(tenantId), quotaBytes: limits.quotaBytes ?? null },
    abilities: abilities(ctx.actor, { type: 'tenant', tenantId, archived }),
  };
}

export async function getTenantPolicy(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  limits: PolicyLimits,
): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.readPolicy', tenantId, false);
  return present(store, ctx, tenantId, tenant.status === 'archived', limits);
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
  limits: PolicyLimits,
): Promise<TenantPolicyView> {
  const tenant = await loadTenantFor(store, ctx, 'tenant.updatePolicy', tenantId, true);
  const { maxUploadMb, secondFactor, ...rest } = change;
  if (maxUploadMb !== undefined && maxUploadMb !== null) checkMaxUploadMb(maxUploadMb, limits);
  await store.transaction(async (tx) => {
    const before = {
      ...(await tx.meetings.policy(tenantId)),
      maxUploadBytes: await tx.documents.maxUploadBytes(tenantId),
    };
    const policy = { ...rest, secondFactor: secondFactor ?? before.secondFactor };
    await tx.meetings.setPolicy(tenantId, policy, ctx.now);
    if (maxUploadMb !== undefined) {
      await tx.documents.setMaxUploadBytes(tenantId, maxUploadMb === null ? null : maxUploadMb * MB, ctx.now);
    }
    const after = { ...policy, maxUploadBytes: await tx.documents.maxUploadBytes(tenantId) };
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
  return present(store, ctx, tenantId, tenant.status === 'archived', limits);
}
