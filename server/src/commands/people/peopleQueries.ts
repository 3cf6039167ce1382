import type { Person } from '../../domain/person.js';

const DAY = 24 * 60 * 60 * 1000;
import type { Store } from '../../domain/ports/store.js';
import type { Tenant } from '../../domain/tenant.js';
import type { CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';
import { loadPersonFor } from './loadPerson.js';

export async function listPeople(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  filter: { search?: string; status?: Person['status']; guestsEndingWithinDays?: number; sponsorId?: string },
): Promise<{ tenant: Tenant; people: Person[] }> {
  const tenant = await loadTenantFor(store, ctx, 'person.list', tenantId, false);
  const { guestsEndingWithinDays, ...rest } = filter;
  const people = await store.read.people.list(tenantId, {
    ...rest,
    ...(guestsEndingWithinDays === undefined ? {} : { guestsEndingBy: ctx.now + guestsEndingWithinDays * DAY }),
  });
  return { tenant, people };
}

export async function getPerson(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<{ tenant: Tenant; person: Person }> {
  return loadPersonFor(store, ctx, 'person.read', tenantId, personId, false);
}
