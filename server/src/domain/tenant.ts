/** Provisioning state of an object whose outside parts (Keycloak, Synapse) are made by the outbox. */
export type SyncState = 'pending' | 'done' | 'failed';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  emailDomains: string[];
  status: 'active' | 'archived';
  sync: SyncState;
  syncError: string | null;
  createdAt: number;
  archivedAt: number | null;
}

/** Slugs name tenants in URLs, Keycloak organization aliases and Matrix aliases. */
export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
