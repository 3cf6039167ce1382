import { getJson, sendJson } from './http';
import { type Abilities, abilities, list, oneOf, record, text, textOrNull } from './shape';
import { parseSync, type SyncInfo } from './sync';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  emailDomains: string[];
  status: 'active' | 'archived';
  sync: SyncInfo;
  createdAt: string;
  archivedAt: string | null;
  abilities: Abilities;
}

export interface TenantList {
  tenants: Tenant[];
  /** Platform abilities: tenant.list, tenant.create, audit.readAll. */
  abilities: Abilities;
}

export interface NewTenant {
  slug: string;
  name: string;
  emailDomains: string[];
  firstAdmin: { email: string; firstName: string; lastName: string; username?: string };
}

export function parseTenant(value: unknown): Tenant {
  const t = record(value);
  return {
    id: text(t.id),
    slug: text(t.slug),
    name: text(t.name),
    emailDomains: list(t.emailDomains, text),
    status: oneOf(['active', 'archived'], t.status),
    sync: parseSync(t.sync),
    createdAt: text(t.createdAt),
    archivedAt: textOrNull(t.archivedAt),
    abilities: abilities(t.abilities),
  };
}

export function parseTenantList(value: unknown): TenantList {
  const b = record(value);
  return { tenants: list(b.tenants, parseTenant), abilities: abilities(b.abilities) };
}

export const tenantPath = (tenantId: string): string => `/api/tenants/${encodeURIComponent(tenantId)}`;

export async function listTenants(signal?: AbortSignal): Promise<TenantList> {
  return parseTenantList((await getJson('/api/tenants', signal ? { signal } : {})).body);
}

export async function createTenant(csrfToken: string, tenant: NewTenant): Promise<Tenant> {
  return parseTenant((await sendJson('POST', '/api/tenants', { csrfToken, body: tenant })).body);
}

export async function archiveTenant(csrfToken: string, tenantId: string): Promise<Tenant> {
  return parseTenant((await sendJson('DELETE', tenantPath(tenantId), { csrfToken })).body);
}
