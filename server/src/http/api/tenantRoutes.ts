import { tenantIn, tenantList, tenantOut, tenantParams } from '@arbeitsbereich/contract';
import { archiveTenant } from '../../commands/tenants/tenantArchiver.js';
import { createTenant } from '../../commands/tenants/tenantCreator.js';
import { getTenant, listTenants } from '../../commands/tenants/tenantQueries.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { route } from './apiRoute.js';
import { contextOf } from './commandContext.js';
import { presentTenant } from './presenters.js';

export function tenantRoutes(store: Store) {
  return [
    route({
      method: 'get',
      path: '/tenants',
      operationId: 'listTenants',
      summary: 'Tenants the caller may see (all for platform admins)',
      tag: 'tenants',
      responses: {
        200: {
          description: 'The tenants and what the caller may do on the platform',
          schema: tenantList,
        },
      },
      handler: async (input) => {
        const tenants = await listTenants(store, contextOf(input));
        return {
          body: {
            tenants: tenants.map((t) => presentTenant(input.actor, t)),
            abilities: abilities(input.actor, { type: 'platform' }),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/tenants',
      operationId: 'createTenant',
      summary: 'Create a tenant with its first admin; Keycloak and Synapse follow through the outbox',
      tag: 'tenants',
      body: tenantIn,
      adminWrite: true,
      responses: {
        201: { description: 'Created; sync.state is pending until provisioned', schema: tenantOut },
        404: { description: 'The tenant is not visible to the caller' },
        409: { description: 'A tenant with this short name exists already: `details.field` names it' },
        422: { description: 'The short name or an e-mail domain is malformed: `details.field` names it' },
      },
      handler: async (input) => {
        const ctx = contextOf(input);
        const { tenantId } = await createTenant(store, ctx, input.body);
        return { status: 201, body: presentTenant(input.actor, await getTenant(store, ctx, tenantId)) };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId',
      operationId: 'getTenant',
      summary: 'One tenant',
      tag: 'tenants',
      params: tenantParams,
      responses: { 200: { description: 'The tenant', schema: tenantOut } },
      handler: async (input) => ({
        body: presentTenant(input.actor, await getTenant(store, contextOf(input), input.params.tenantId)),
      }),
    }),
    route({
      method: 'delete',
      path: '/tenants/:tenantId',
      operationId: 'archiveTenant',
      summary: 'Delete a tenant: archives it and deactivates its people; nothing is destroyed',
      tag: 'tenants',
      params: tenantParams,
      adminWrite: true,
      responses: { 200: { description: 'Archived', schema: tenantOut } },
      handler: async (input) => {
        const ctx = contextOf(input);
        await archiveTenant(store, ctx, input.params.tenantId);
        return { body: presentTenant(input.actor, await getTenant(store, ctx, input.params.tenantId)) };
      },
    }),
  ];
}
