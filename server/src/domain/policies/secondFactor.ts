import type { Actor, TenantRole } from '../actor.js';

/**
 * Which abilities need a session signed in with a second factor (ADR 0025).
 * Platform admins and tenant admins always; everybody of a tenant whose policy
 * says so. A session without the second factor keeps what needs none: a tenant
 * admin acts as a member, a platform admin as who they are in their tenant, and
 * in a tenant that requires it for everyone the person has no tenant at all
 * until they confirm the second factor.
 */
export type SecondFactorReason = 'platform-admin' | 'tenant-admin' | 'tenant-policy';

/** The roles the directory and the identity provider grant a person. */
export type GrantedRoles = Pick<Actor, 'tenantId' | 'tenantRole' | 'platformAdmin'>;

export interface SessionFactors {
  /** The session was signed in with a second factor. */
  secondFactor: boolean;
  /** The person's tenant requires a second factor of everybody. */
  tenantRequiresSecondFactor: boolean;
}

export interface SessionRoles {
  /** The roles the session may use. */
  roles: GrantedRoles;
  /** Why the person needs a second factor this session lacks; null when nothing is withheld. */
  missing: SecondFactorReason | null;
}

/** Why this person needs a second factor at all, the strongest reason first; null: they do not. */
export function secondFactorReason(
  granted: GrantedRoles,
  tenantRequiresSecondFactor: boolean,
): SecondFactorReason | null {
  if (granted.platformAdmin) return 'platform-admin';
  if (granted.tenantId !== null && granted.tenantRole === 'tenant-admin') return 'tenant-admin';
  if (granted.tenantId !== null && tenantRequiresSecondFactor) return 'tenant-policy';
  return null;
}

/** The roles a session may use: everything granted with a second factor, less without it. */
export function rolesForSession(granted: GrantedRoles, factors: SessionFactors): SessionRoles {
  const missing = factors.secondFactor ? null : secondFactorReason(granted, factors.tenantRequiresSecondFactor);
  if (missing === null) return { roles: granted, missing };
  if (granted.tenantId !== null && factors.tenantRequiresSecondFactor) {
    return { roles: { tenantId: null, tenantRole: null, platformAdmin: false }, missing };
  }
  const tenantRole: TenantRole | null = granted.tenantRole === 'tenant-admin' ? 'member' : granted.tenantRole;
  return { roles: { tenantId: granted.tenantId, tenantRole, platformAdmin: false }, missing };
}
