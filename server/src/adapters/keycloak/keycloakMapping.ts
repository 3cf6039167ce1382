import type OrganizationRepresentation from '@keycloak/keycloak-admin-client/lib/defs/organizationRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { IdentityOrganization, IdentityUser } from '../../domain/ports/identity.js';
import { KeycloakError } from './keycloakErrors.js';

/** Keycloak's user representation as the domain sees a user. */
export function toIdentityUser(rep: UserRepresentation): IdentityUser {
  if (rep.id === undefined || rep.username === undefined) {
    throw new KeycloakError('Keycloak returned a user without id or username', { status: undefined, retryable: false });
  }
  return {
    id: rep.id,
    username: rep.username,
    email: rep.email ?? '',
    firstName: rep.firstName ?? '',
    lastName: rep.lastName ?? '',
    enabled: rep.enabled === true,
  };
}

/** Keycloak's organization representation as the domain sees a tenant. */
export function toIdentityOrganization(rep: OrganizationRepresentation): IdentityOrganization {
  if (rep.id === undefined || rep.alias === undefined) {
    throw new KeycloakError('Keycloak returned an organization without id or alias', {
      status: undefined,
      retryable: false,
    });
  }
  return {
    id: rep.id,
    name: rep.name ?? '',
    alias: rep.alias,
    domains: (rep.domains ?? []).map((domain) => domain.name).filter((name): name is string => name !== undefined),
  };
}
