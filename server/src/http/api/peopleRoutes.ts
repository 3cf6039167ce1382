import {
  importIn,
  importOut,
  mailNoticesIn,
  peopleList,
  peopleQuery,
  personIn,
  personOut,
  personParams,
  roleChangeIn,
  guestTermIn,
  tenantParams,
} from '@arbeitsbereich/contract';
import { extendGuestTerm } from '../../commands/people/guestExpiry.js';
import { checkMayImportPeople, importPeople } from '../../commands/people/peopleImporter.js';
import {
  changeRole,
  createPerson,
  deactivatePerson,
  reactivatePerson,
  resendInvitation,
  setMailNotices,
  type AccountLookup,
} from '../../commands/people/personCommands.js';
import { getPerson, listPeople } from '../../commands/people/peopleQueries.js';
import type { Store } from '../../domain/ports/store.js';
import { route, type ApiInput } from './apiRoute.js';
import { csvRows } from './csvRows.js';
import { presentPerson, tenantAbilities } from './presenters.js';
import { contextOf } from './commandContext.js';

export function peopleRoutes(store: Store, accounts: AccountLookup) {
  const personBody = async (input: ApiInput<unknown, unknown, unknown>, tenantId: string, personId: string) => {
    const { tenant, person } = await getPerson(store, contextOf(input), tenantId, personId);
    return presentPerson(input.actor, tenant, person);
  };
  const lifecycle = (action: 'deactivate' | 'reactivate', command: typeof deactivatePerson, summary: string) =>
    route({
      method: 'post',
      path: `/tenants/:tenantId/people/:personId/${action}`,
      operationId: `${action}Person`,
      summary,
      tag: 'people',
      params: personParams,
      adminWrite: true,
      responses: {
        200: { description: 'Done in the workspace; sync.state shows the outside systems', schema: personOut },
        409: { description: `The person is ${action}d already` },
      },
      handler: async (input) => {
        await command(store, contextOf(input), input.params.tenantId, input.params.personId);
        return { body: await personBody(input, input.params.tenantId, input.params.personId) };
      },
    });

  return [
    route({
      method: 'get',
      path: '/tenants/:tenantId/people',
      operationId: 'listPeople',
      summary: "The tenant's people",
      tag: 'people',
      params: tenantParams,
      query: peopleQuery,
      responses: {
        200: {
          description: 'People, and what the caller may do in this tenant',
          schema: peopleList,
        },
      },
      handler: async (input) => {
        const { tenant, people } = await listPeople(store, contextOf(input), input.params.tenantId, input.query);
        return {
          body: {
            people: people.map((p) => presentPerson(input.actor, tenant, p)),
            abilities: tenantAbilities(input.actor, tenant),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/people',
      operationId: 'createPerson',
      summary: 'Add a person; their Keycloak and Matrix accounts follow through the outbox',
      tag: 'people',
      params: tenantParams,
      body: personIn,
      adminWrite: true,
      responses: {
        201: { description: 'Created', schema: personOut },
        409: { description: 'The e-mail address or sign-in name is taken or reserved: `details.field` names it' },
        422: {
          description:
            'The e-mail address is not of the tenant’s domains, the sign-in name is malformed, or a guest’s sponsor or end date is not acceptable',
        },
      },
      handler: async (input) => {
        const { expiresAt, ...props } = input.body;
        const personId = await createPerson(
          store,
          contextOf(input),
          input.params.tenantId,
          { ...props, ...(expiresAt === undefined ? {} : { expiresAt: Date.parse(expiresAt) }) },
          accounts,
        );
        return { status: 201, body: await personBody(input, input.params.tenantId, personId) };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/people/import',
      operationId: 'importPeople',
      summary: 'Import people from CSV; a dry run reports every bad row and changes nothing',
      tag: 'people',
      params: tenantParams,
      body: importIn,
      adminWrite: true,
      // Nobody's file is parsed before they are known to be allowed to import.
      authorizeFirst: (input) => checkMayImportPeople(store, contextOf(input), input.params.tenantId),
      responses: {
        200: { description: 'The report; when not a dry run, the valid rows were added', schema: importOut },
        409: { description: 'Some of the people were added meanwhile; check the file again' },
        422: { description: 'More rows than an import may hold' },
      },
      handler: async (input) => ({
        body: await importPeople(
          store,
          contextOf(input),
          input.params.tenantId,
          csvRows(input.body.csv),
          input.body.dryRun,
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/people/:personId',
      operationId: 'getPerson',
      summary: 'One person',
      tag: 'people',
      params: personParams,
      responses: { 200: { description: 'The person', schema: personOut } },
      handler: async (input) => ({ body: await personBody(input, input.params.tenantId, input.params.personId) }),
    }),
    route({
      method: 'patch',
      path: '/tenants/:tenantId/people/:personId',
      operationId: 'changeRole',
      summary: "Change a person's tenant role (to guest: every room role becomes guest)",
      tag: 'people',
      params: personParams,
      body: roleChangeIn,
      adminWrite: true,
      responses: {
        200: { description: 'Changed', schema: personOut },
        409: {
          description: 'To guest while the only owner of a room: `type` ends in last-owner, `details.rooms` names them',
        },
        422: {
          description:
            'To guest when the tenant has no member who could sponsor them: `details.code` is sponsor-required',
        },
      },
      handler: async (input) => {
        await changeRole(store, contextOf(input), input.params.tenantId, input.params.personId, input.body.role);
        return { body: await personBody(input, input.params.tenantId, input.params.personId) };
      },
    }),
    route({
      method: 'put',
      path: '/tenants/:tenantId/people/:personId/guest-term',
      operationId: 'extendGuestTerm',
      summary:
        'A new end date for a tenant guest’s access (by their sponsor or an admin; another sponsor: admins only)',
      tag: 'people',
      params: personParams,
      body: guestTermIn,
      responses: {
        200: { description: 'Changed', schema: personOut },
        409: { description: 'The person is no tenant guest' },
        422: { description: 'The end date is past or more than a year ahead, or the sponsor is not acceptable' },
      },
      handler: async (input) => {
        const { tenantId, personId } = input.params;
        const { expiresAt, sponsorId } = input.body;
        await extendGuestTerm(store, contextOf(input), tenantId, personId, {
          expiresAt: Date.parse(expiresAt),
          sponsorId,
        });
        return { body: await personBody(input, tenantId, personId) };
      },
    }),
    lifecycle(
      'deactivate',
      deactivatePerson,
      'Deactivate: signed out everywhere, disabled in Keycloak, removed from chat',
    ),
    lifecycle('reactivate', reactivatePerson, 'Reactivate a deactivated person'),
    route({
      method: 'post',
      path: '/tenants/:tenantId/people/:personId/invitation',
      operationId: 'sendInvitation',
      summary: 'Send the invitation by e-mail again: a new link to choose a password, in the person’s language',
      tag: 'people',
      params: personParams,
      adminWrite: true,
      personLimit: 'invitations',
      responses: {
        202: { description: 'Queued; invitedAt changes once it went out', schema: personOut },
        409: { description: 'The person is deactivated' },
      },
      handler: async (input) => {
        await resendInvitation(store, contextOf(input), input.params.tenantId, input.params.personId);
        return { status: 202, body: await personBody(input, input.params.tenantId, input.params.personId) };
      },
    }),
    route({
      method: 'put',
      path: '/tenants/:tenantId/people/:personId/mail-notices',
      operationId: 'setMailNotices',
      summary: "Turn the workspace's notices by e-mail on or off (only for oneself)",
      tag: 'people',
      params: personParams,
      body: mailNoticesIn,
      responses: { 200: { description: 'Set', schema: personOut } },
      handler: async (input) => {
        const { tenantId, personId } = input.params;
        await setMailNotices(store, contextOf(input), tenantId, personId, input.body.enabled);
        return { body: await personBody(input, tenantId, personId) };
      },
    }),
  ];
}
