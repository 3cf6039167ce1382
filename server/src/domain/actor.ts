export const tenantRoles = ['tenant-admin', 'member', 'guest'] as const;
export type TenantRole = (typeof tenantRoles)[number];

/**
 * Who is acting, as established by the session. A platform admin may also be
 * a member of a tenant; a person without a tenant membership has tenantId null.
 */
export interface Actor {
  /** Our id of the person (users.id), or null if they are not provisioned in any tenant. */
  userId: string | null;
  /** The identity provider's subject (Keycloak user id). */
  subject: string;
  username: string;
  displayName: string;
  tenantId: string | null;
  tenantRole: TenantRole | null;
  platformAdmin: boolean;
}

/** The actor of changes the workspace makes on its own (seeding, repairs). */
export const systemActor: Actor = {
  userId: null,
  subject: 'system',
  username: 'system',
  displayName: 'System',
  tenantId: null,
  tenantRole: null,
  platformAdmin: true,
};
