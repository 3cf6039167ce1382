import { jobSpec, stringField } from './jobSpec.js';

/** Jobs that make Keycloak and Synapse follow a tenant (its organization and its space). */
export const tenantJobKinds = {
  tenantProvision: 'tenant.provision',
  tenantArchive: 'tenant.archive',
} as const;

export interface TenantJobPayload {
  tenantId: string;
}

const tenantJob = jobSpec<TenantJobPayload>({
  parse: (payload) => ({ tenantId: stringField(payload, 'tenantId') }),
  failureRecord: (payload) => ({ type: 'tenant', id: payload.tenantId }),
});

export const tenantJobs = {
  [tenantJobKinds.tenantProvision]: tenantJob,
  [tenantJobKinds.tenantArchive]: tenantJob,
};
