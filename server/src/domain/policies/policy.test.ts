import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import { abilities, actionsByResource, allow, type Resource } from './policy.js';

// The whole permission model as one table: for each kind of actor, exactly
// which action on which resource is allowed. Everything not listed is denied.
const base: Omit<Actor, 'userId' | 'tenantId' | 'tenantRole' | 'platformAdmin'> = {
  subject: 's',
  username: 'u',
  displayName: 'U',
};
const actors: Record<string, Actor> = {
  guest: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'guest', platformAdmin: false },
  member: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'member', platformAdmin: false },
  tenantAdmin: { ...base, userId: 'me', tenantId: 'A', tenantRole: 'tenant-admin', platformAdmin: false },
  otherTenantAdmin: { ...base, userId: 'other', tenantId: 'B', tenantRole: 'tenant-admin', platformAdmin: false },
  platformAdmin: { ...base, userId: null, tenantId: null, tenantRole: null, platformAdmin: true },
  unprovisioned: { ...base, userId: null, tenantId: null, tenantRole: null, platformAdmin: false },
};
const resources: Record<string, Resource> = {
  platform: { type: 'platform' },
  ownTenant: { type: 'tenant', tenantId: 'A', archived: false },
  archivedTenant: { type: 'tenant', tenantId: 'A', archived: true },
  self: { type: 'person', tenantId: 'A', personId: 'me', archived: false },
  colleague: { type: 'person', tenantId: 'A', personId: 'colleague', archived: false },
  colleagueInArchived: { type: 'person', tenantId: 'A', personId: 'colleague', archived: true },
};

const expected: Record<string, string[]> = {
  guest: ['tenant.read@ownTenant', 'tenant.read@archivedTenant', 'person.read@self'],
  member: [
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.read@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
  ],
  tenantAdmin: [
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.create@ownTenant',
    'person.import@ownTenant',
    'audit.read@ownTenant',
    'audit.read@archivedTenant',
    'person.read@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
    'person.changeRole@colleague',
    'person.deactivate@colleague',
    'person.reactivate@colleague',
  ],
  // Tenant A's objects are foreign to B's admin: nothing at all.
  otherTenantAdmin: [],
  platformAdmin: [
    'tenant.list@platform',
    'tenant.create@platform',
    'audit.readAll@platform',
    'tenant.read@ownTenant',
    'tenant.read@archivedTenant',
    'tenant.archive@ownTenant',
    'person.list@ownTenant',
    'person.list@archivedTenant',
    'person.create@ownTenant',
    'person.import@ownTenant',
    'audit.read@ownTenant',
    'audit.read@archivedTenant',
    'person.read@self',
    'person.read@colleague',
    'person.read@colleagueInArchived',
    'person.changeRole@self',
    'person.changeRole@colleague',
    'person.deactivate@self',
    'person.deactivate@colleague',
    'person.reactivate@self',
    'person.reactivate@colleague',
  ],
  unprovisioned: [],
};

function allowedSet(actor: Actor | undefined): string[] {
  const out: string[] = [];
  for (const [name, resource] of Object.entries(resources)) {
    for (const action of actionsByResource[resource.type]) {
      if (allow(actor, action, resource)) out.push(`${action}@${name}`);
    }
  }
  return out.sort();
}

describe('authorization policy', () => {
  it.each(Object.keys(actors))('allows %s exactly the expected set', (kind) => {
    expect(allowedSet(actors[kind])).toEqual([...expected[kind]!].sort());
  });

  it('allows nothing to an anonymous caller', () => {
    expect(allowedSet(undefined)).toEqual([]);
  });

  it('denies an action asked of the wrong kind of resource', () => {
    expect(allow(actors.platformAdmin, 'person.deactivate', resources.ownTenant!)).toBe(false);
  });

  it('reports abilities per resource for the client', () => {
    expect(abilities(actors.tenantAdmin, resources.colleague!)).toEqual({
      'person.read': true,
      'person.changeRole': true,
      'person.deactivate': true,
      'person.reactivate': true,
    });
    expect(abilities(actors.tenantAdmin, resources.self!)).toMatchObject({ 'person.deactivate': false });
  });
});
