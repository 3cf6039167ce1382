import type { Action } from '../../domain/policies/policy.js';
import { notFound } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Store } from '../../domain/ports/store.js';
import type { Tenant } from '../../domain/tenant.js';
import { authorize, type CommandContext } from '../context.js';

/**
 * Loads a person of a tenant and checks the action on them. A person id of
 * another tenant is "not found", exactly like an id that does not exist.
 */
export async function loadPersonFor(
  store: Store,
  ctx: CommandContext,
  action: Action,
  tenantId: string,
  personId: string,
  auditDenied: boolean,
): Promise<{ tenant: Tenant; person: Person }> {
  const [tenant, person] = await Promise.all([
    store.read.tenants.findById(tenantId),
    store.read.people.findById(personId),
  ]);
  if (!tenant || !person || person.tenantId !== tenant.id) {
    // Check the tenant first, so a foreign tenant's id is indistinguishable from a missing one.
    if (tenant) await authorize(store, ctx, 'tenant.read', { type: 'tenant', tenantId, archived: false });
    throw notFound('Person');
  }
  await authorize(
    store,
    ctx,
    action,
    {
      type: 'person',
      tenantId,
      personId,
      archived: tenant.status === 'archived',
      platformAdmin: person.platformAdmin,
      sponsorId: person.guestTerm?.sponsorId ?? null,
    },
    auditDenied ? { targetType: 'person', targetId: personId } : undefined,
  );
  return { tenant, person };
}
