import { type AuditPage, type AuditQuery, type AuditScope, readAudit } from './audit';
import {
  type ImportReport,
  type NewPerson,
  type PeopleFilter,
  type PeopleList,
  type Person,
  changeRole,
  createPerson,
  importPeople,
  listPeople,
  setPersonActive,
} from './people';
import type { TenantRole } from './session';
import { type NewTenant, type Tenant, type TenantList, archiveTenant, createTenant, listTenants } from './tenants';

/** The workspace API for one session: every write carries that session's CSRF token. */
export interface ApiClient {
  listTenants(signal?: AbortSignal): Promise<TenantList>;
  createTenant(tenant: NewTenant): Promise<Tenant>;
  archiveTenant(tenantId: string): Promise<Tenant>;
  listPeople(tenantId: string, filter: PeopleFilter, signal?: AbortSignal): Promise<PeopleList>;
  createPerson(tenantId: string, person: NewPerson): Promise<Person>;
  importPeople(tenantId: string, csv: string, dryRun: boolean): Promise<ImportReport>;
  changeRole(tenantId: string, personId: string, role: TenantRole): Promise<Person>;
  setPersonActive(tenantId: string, personId: string, active: boolean): Promise<Person>;
  readAudit(scope: AuditScope, query: AuditQuery, signal?: AbortSignal): Promise<AuditPage>;
}

export function createApiClient(csrfToken: string): ApiClient {
  return {
    listTenants: (signal) => listTenants(signal),
    createTenant: (tenant) => createTenant(csrfToken, tenant),
    archiveTenant: (tenantId) => archiveTenant(csrfToken, tenantId),
    listPeople: (tenantId, filter, signal) => listPeople(tenantId, filter, signal),
    createPerson: (tenantId, person) => createPerson(csrfToken, tenantId, person),
    importPeople: (tenantId, csv, dryRun) => importPeople(csrfToken, tenantId, csv, dryRun),
    changeRole: (tenantId, personId, role) => changeRole(csrfToken, tenantId, personId, role),
    setPersonActive: (tenantId, personId, active) => setPersonActive(csrfToken, tenantId, personId, active),
    readAudit: (scope, query, signal) => readAudit(scope, query, signal),
  };
}
