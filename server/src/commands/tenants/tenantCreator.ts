import { randomUUID } from 'node:crypto';
import { conflict, invalid } from '../../domain/errors.js';
import type { Store } from '../../domain/ports/store.js';
import { domainPattern, slugPattern, type Tenant } from '../../domain/tenant.js';
import { authorize, auditEntry, type CommandContext } from '../context.js';
import { addPerson, type InsertOptions, type PersonProps } from '../people/personCreator.js';
import { jobKinds } from '../../domain/jobs/catalog.js';

export interface CreateTenantProps {
  slug: string;
  name: string;
  emailDomains: string[];
  firstAdmin: Omit<PersonProps, 'role'>;
}

/**
 * Creates a tenant with its first admin. The row, the admin and the jobs that
 * create the Keycloak organization, the Matrix space and the accounts commit
 * together; the tenant shows as pending until the jobs are done.
 */
export async function createTenant(
  store: Store,
  ctx: CommandContext,
  props: CreateTenantProps,
  options: InsertOptions = {},
): Promise<{ tenantId: string; adminId: string }> {
  await authorize(store, ctx, 'tenant.create', { type: 'platform' }, { targetType: 'tenant', targetId: null });
  const slug = props.slug.trim().toLowerCase();
  const domains = [...new Set(props.emailDomains.map((d) => d.trim().toLowerCase()))];
  if (!slugPattern.test(slug)) throw invalid('The short name may use a-z, 0-9 and hyphens', { field: 'slug' });
  if (domains.length === 0 || !domains.every((d) => domainPattern.test(d))) {
    throw invalid('Every e-mail domain must be a domain name such as amt.example', { field: 'emailDomains' });
  }
  return store.transaction(async (tx) => {
    if (await tx.tenants.findBySlug(slug))
      throw conflict('A tenant with this short name exists already', { field: 'slug' });
    const tenantId = randomUUID();
    await tx.tenants.insert({ id: tenantId, slug, name: props.name.trim(), emailDomains: domains }, ctx.now);
    await tx.outbox.enqueue({
      kind: jobKinds.tenantProvision,
      payload: { tenantId },
      dedupeKey: `tenant:${tenantId}:provision`,
    });
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'tenant.create',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
        details: { slug, name: props.name.trim(), emailDomains: domains },
      }),
    );
    const tenant = (await tx.tenants.findById(tenantId)) as Tenant;
    const adminId = await addPerson(tx, ctx, tenant, { ...props.firstAdmin, role: 'tenant-admin' }, 'tenant', options);
    return { tenantId, adminId };
  });
}
