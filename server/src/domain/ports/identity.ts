import type { HealthProbe } from './health.js';

/** A person as the identity provider knows them. */
export interface IdentityUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  enabled: boolean;
}

export interface NewIdentityUser {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  enabled?: boolean;
}

/** A tenant (agency) as the identity provider knows it. */
export interface IdentityOrganization {
  id: string;
  name: string;
  alias: string;
  domains: string[];
}

export interface NewIdentityOrganization {
  name: string;
  alias: string;
  domains: string[];
}

/**
 * The identity provider, seen from the domain. Every write is safe to repeat:
 * "ensure" operations look up before they create and return what exists.
 */
export interface IdentityDirectory extends HealthProbe {
  ensureUser(user: NewIdentityUser): Promise<IdentityUser>;
  findUserByUsername(username: string): Promise<IdentityUser | undefined>;
  findUserById(id: string): Promise<IdentityUser | undefined>;
  setUserEnabled(id: string, enabled: boolean): Promise<void>;
  ensureOrganization(org: NewIdentityOrganization): Promise<IdentityOrganization>;
  findOrganizationByAlias(alias: string): Promise<IdentityOrganization | undefined>;
  addOrganizationMember(organizationId: string, userId: string): Promise<void>;
  listOrganizationMemberIds(organizationId: string): Promise<string[]>;
}
