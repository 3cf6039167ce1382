import { type Abilities, can } from '@arbeitsbereich/contract';
import type { Tenant } from '@arbeitsbereich/contract';

/** The parts of the administration a person may open, read from the server's abilities. */
export interface AdminAreas {
  people: boolean;
  audit: boolean;
  tenants: boolean;
  /** The tenant's meeting policy (meetings, guests, recording). */
  policies: boolean;
}

export const NO_ADMIN_AREAS: AdminAreas = { people: false, audit: false, tenants: false, policies: false };

/**
 * People: some tenant where the person may add or import people. Audit: the platform
 * log or some tenant's log. Tenants: the platform's tenant list. Policies: some tenant's
 * meeting policy. No rule of our own.
 */
export function adminAreas(platform: Abilities, tenants: readonly Tenant[]): AdminAreas {
  return {
    people: tenants.some((t) => can(t.abilities, 'person.create') || can(t.abilities, 'person.import')),
    audit: can(platform, 'audit.readAll') || tenants.some((t) => can(t.abilities, 'audit.read')),
    tenants: can(platform, 'tenant.list'),
    policies: tenants.some((t) => can(t.abilities, 'tenant.readPolicy')),
  };
}

export function hasAnyAdminArea(areas: AdminAreas): boolean {
  return areas.people || areas.audit || areas.tenants || areas.policies;
}
