import type OrganizationRepresentation from '@keycloak/keycloak-admin-client/lib/defs/organizationRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { IdentityOrganization, IdentityUser } from '../../domain/ports/identity.js';
import { KeycloakError } from './keycloakErrors.js';

/**
 * The user attribute that carries the workspace's mark (the person's id). The
 * realm's user profile declares it editable and visible by admins only, so
 * people cannot set it on their own accounts.
 */
export const MARKER_ATTRIBUTE = 'workspacePersonId';

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
    workspaceMarker: markerOf(rep),
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

function markerOf(rep: UserRepresentation): string | undefined {
  const values = (rep.attributes as Record<string, unknown> | undefined)?.[MARKER_ATTRIBUTE];
  const first: unknown = Array.isArray(values) ? values[0] : values;
  return typeof first === 'string' && first !== '' ? first : undefined;
}
