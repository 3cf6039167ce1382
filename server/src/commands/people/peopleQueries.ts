import type { Person } from '../../domain/person.js';
import type { Store } from '../../domain/ports/store.js';
import type { Tenant } from '../../domain/tenant.js';
import type { CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';
import { loadPersonFor } from './loadPerson.js';

export async function listPeople(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  filter: { search?: string; status?: Person['status'] },
): Promise<{ tenant: Tenant; people: Person[] }> {
  const tenant = await loadTenantFor(store, ctx, 'person.list', tenantId, false);
  return { tenant, people: await store.read.people.list(tenantId, filter) };
}

export async function getPerson(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<{ tenant: Tenant; person: Person }> {
  return loadPersonFor(store, ctx, 'person.read', tenantId, personId, false);
}
