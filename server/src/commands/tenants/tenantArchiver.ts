import { notFound } from '../../domain/errors.js';
import type { Store } from '../../domain/ports/store.js';
import { authorize, auditEntry, type CommandContext } from '../context.js';
import { jobKinds } from '../../domain/jobs/catalog.js';

/**
 * Deleting a tenant archives all of it: the tenant becomes read-only, every
 * person is deactivated (signed out, disabled in Keycloak, removed from chat),
 * nothing is destroyed.
 */
export async function archiveTenant(store: Store, ctx: CommandContext, tenantId: string): Promise<void> {
  const tenant = await store.read.tenants.findById(tenantId);
  if (!tenant) throw notFound('Tenant');
  await authorize(
    store,
    ctx,
    'tenant.archive',
    { type: 'tenant', tenantId, archived: tenant.status === 'archived' },
    { targetType: 'tenant', targetId: tenantId },
  );
  await store.transaction(async (tx) => {
    await tx.tenants.archive(tenantId, ctx.now);
    for (const person of await tx.people.list(tenantId, { status: 'active' })) {
      await tx.people.setStatus(person.id, 'deactivated', ctx.now);
      await tx.people.setSync(person.id, 'pending', null, ctx.now);
      await tx.outbox.enqueue({
        kind: jobKinds.personDeactivate,
        payload: { personId: person.id },
        dedupeKey: `person:${person.id}:deactivate:${ctx.now}`,
      });
    }
    await tx.outbox.enqueue({
      kind: jobKinds.tenantArchive,
      payload: { tenantId },
      dedupeKey: `tenant:${tenantId}:archive`,
    });
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'tenant.archive',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
      }),
    );
  });
}
