import { tenantList, tenantOut, type NewTenant, type Tenant, type TenantList } from '@arbeitsbereich/contract';
import { getJson, sendJson } from './http';
import { parseWith } from './parse';

const parseTenant = (value: unknown): Tenant => parseWith(tenantOut, value);

export const tenantPath = (tenantId: string): string => `/api/tenants/${encodeURIComponent(tenantId)}`;

export async function listTenants(signal?: AbortSignal): Promise<TenantList> {
  return parseWith(tenantList, (await getJson('/api/tenants', signal ? { signal } : {})).body);
}

export async function createTenant(csrfToken: string, tenant: NewTenant): Promise<Tenant> {
  return parseTenant((await sendJson('POST', '/api/tenants', { csrfToken, body: tenant })).body);
}

export async function archiveTenant(csrfToken: string, tenantId: string): Promise<Tenant> {
  return parseTenant((await sendJson('DELETE', tenantPath(tenantId), { csrfToken })).body);
}
