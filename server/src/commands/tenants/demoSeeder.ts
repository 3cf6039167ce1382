import { systemActor } from '../../domain/actor.js';
import type { Store } from '../../domain/ports/store.js';
import { addPerson } from '../people/personCreator.js';
import { createTenant } from './tenantCreator.js';

const demo = {
  slug: 'demo',
  name: 'Demo-Behörde',
  emailDomains: ['demo.example'],
  firstAdmin: { username: 'amelie.admin', email: 'amelie.admin@demo.example', firstName: 'Amelie', lastName: 'Adler' },
  people: [
    {
      username: 'bernd.beispiel',
      email: 'bernd.beispiel@demo.example',
      firstName: 'Bernd',
      lastName: 'Beispiel',
      role: 'member',
    },
    { username: 'gabi.gast', email: 'gabi.gast@demo.example', firstName: 'Gabi', lastName: 'Gast', role: 'guest' },
    {
      username: 'paula.plattform',
      email: 'paula.plattform@demo.example',
      firstName: 'Paula',
      lastName: 'Plattform',
      role: 'member',
    },
  ],
} as const;

/**
 * The demo tenant of the realm export (Keycloak already has its organization
 * and users), made known to the workspace once. Provisioning then finds the
 * existing Keycloak objects instead of creating new ones.
 */
export async function seedDemoTenant(store: Store, now: number): Promise<boolean> {
  if (await store.read.tenants.findBySlug(demo.slug)) return false;
  const ctx = { actor: systemActor, requestId: null, now };
  // The demo's accounts come with the realm export: they are taken over once and marked then.
  const { tenantId } = await createTenant(
    store,
    ctx,
    { ...demo, emailDomains: [...demo.emailDomains] },
    { adoptUnmarked: true },
  );
  const tenant = await store.read.tenants.findById(tenantId);
  if (!tenant) return false;
  await store.transaction(async (tx) => {
    for (const person of demo.people) await addPerson(tx, ctx, tenant, person, 'tenant', { adoptUnmarked: true });
  });
  return true;
}
