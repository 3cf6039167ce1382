import { z } from 'zod';
import {
  createGuestLink,
  describeGuestLink,
  joinAsGuest,
  listGuestLinks,
  revokeGuestLink,
  type GuestLinkDeps,
  type GuestLinkView,
} from '../../commands/meetings/guestLinks.js';
import { getMeeting, mintMeetingToken, recordMeetingEvent } from '../../commands/meetings/meetingCommands.js';
import { getTenantPolicy, setTenantPolicy, type PolicyLimits } from '../../commands/meetings/tenantPolicy.js';
import { guestLinkHours } from '../../domain/meeting.js';
import { route } from './apiRoute.js';
import { id } from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';

const abilities = z.record(z.string(), z.boolean()).describe('What the caller may do');
const iso = (ms: number): string => new Date(ms).toISOString();

const meetingOut = z
  .object({
    available: z.boolean().describe('Whether the room’s meeting can take place at all'),
    reason: z.enum(['not-configured', 'disabled-for-tenant', 'archived']).nullable(),
    domain: z.string().nullable().describe('Host of the Jitsi Meet web; null without a Jitsi deployment'),
    roomName: z.string().nullable().describe('Jitsi’s name of the room; only for those who may join'),
    running: z.boolean().describe('Someone is in the meeting now'),
    abilities: abilities.describe('meeting.join, meeting.moderate, guestLink.manage'),
  })
  .meta({ id: 'Meeting' });
const tokenOut = z
  .object({
    domain: z.string(),
    roomName: z.string(),
    jwt: z.string().describe('Short-lived Jitsi token (pass as `jwt` to the IFrame API)'),
    expiresAt: z.string(),
    moderator: z.boolean(),
  })
  .meta({ id: 'MeetingToken' });
const guestLinkOut = z
  .object({
    id,
    name: z.string(),
    url: z.string().describe('The link to hand to the guest'),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    createdBy: z.string().describe('Name of who made the link'),
    state: z.enum(['valid', 'expired', 'revoked']),
  })
  .meta({ id: 'GuestLink' });
const maxUploadMb = z
  .number()
  .nullable()
  .describe('Largest upload of the tenant’s document libraries in MB; null: the installation’s default');
const maxUploadMbIn = z
  .number()
  .int()
  .min(1)
  .nullable()
  .describe(
    'Largest upload in whole MB, from 1 to the installation’s limit (`maxUploadMbCeiling`, 422 above it); null: the installation’s default',
  );
const secondFactor = z.boolean().describe('Everybody of the tenant signs in with a second factor, not only its admins');
const policyIn = z
  .object({
    meetings: z.boolean(),
    guests: z.boolean(),
    recording: z.boolean(),
    secondFactor: secondFactor.optional().describe('Left out: unchanged'),
    maxUploadMb: maxUploadMbIn.optional().describe('Left out: unchanged'),
  })
  .strict()
  .meta({ id: 'TenantPolicyInput' });
const policyOut = z
  .object({
    meetings: z.boolean(),
    guests: z.boolean(),
    recording: z.boolean(),
    secondFactor,
    maxUploadMb,
    maxUploadMbCeiling: z
      .number()
      .int()
      .describe('The installation’s largest upload in MB: the highest a tenant may set'),
    storage: z
      .object({
        usedBytes: z.number().int().describe('Bytes of all versions of the tenant’s documents, trash included'),
        quotaBytes: z.number().int().nullable().describe('The installation’s quota per tenant; null: none'),
      })
      .describe('What the tenant’s documents take in storage'),
    abilities,
  })
  .meta({ id: 'TenantPolicy' });
const guestSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/)
  .describe('The secret part of a guest link');

const tenantParams = z.object({ tenantId: id });
const roomParams = z.object({ tenantId: id, roomId: id });
const linkParams = z.object({ tenantId: id, roomId: id, linkId: id });
const guestParams = z.object({ token: guestSecret });

const presentLink = (l: GuestLinkView) => ({
  id: l.id,
  name: l.name,
  url: l.url,
  expiresAt: iso(l.expiresAt),
  revokedAt: l.revokedAt === null ? null : iso(l.revokedAt),
  createdBy: l.createdByName,
  state: l.state,
});

const problems = {
  404: { description: 'No such room (or not visible to the caller)' },
  409: { description: 'The room is archived, or meetings (or guests) are off for the tenant' },
  503: { description: 'No Jitsi deployment is configured; `detail` names the settings' },
};
const linkGone = { description: 'Expired or revoked: `type` ends in guest-link-expired or guest-link-revoked' };

export function meetingRoutes(deps: GuestLinkDeps, limits: PolicyLimits) {
  const { store } = deps;
  return [
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms/:roomId/meeting',
      operationId: 'getMeeting',
      summary: 'The room’s video meeting: available, running, and what the caller may do',
      tag: 'meetings',
      params: roomParams,
      responses: { 200: { description: 'The meeting', schema: meetingOut }, 404: problems[404] },
      handler: async (input) => ({
        body: await getMeeting(deps, contextOf(input), input.params.tenantId, input.params.roomId),
      }),
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/token',
      operationId: 'createMeetingToken',
      summary: 'A short-lived Jitsi token for the room’s meeting (members only; moderator by room role)',
      tag: 'meetings',
      params: roomParams,
      responses: { 200: { description: 'The token', schema: tokenOut }, ...problems },
      handler: async (input) => {
        const t = await mintMeetingToken(deps, contextOf(input), input.params.tenantId, input.params.roomId);
        return { body: { ...t, expiresAt: iso(t.expiresAt) } };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/events',
      operationId: 'recordMeetingEvent',
      summary: 'The caller joined or left the meeting; the first join and the last leave post a notice into the chat',
      tag: 'meetings',
      personLimit: 'meetingEvents',
      params: roomParams,
      body: z.object({ kind: z.enum(['joined', 'left']) }).strict(),
      responses: { 204: { description: 'Recorded' }, ...problems },
      handler: async (input) => {
        await recordMeetingEvent(deps, contextOf(input), input.params.tenantId, input.params.roomId, input.body.kind);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms/:roomId/guest-links',
      operationId: 'listGuestLinks',
      summary: 'Guest links of the room’s meeting (owners, moderators, tenant admins)',
      tag: 'meetings',
      params: roomParams,
      responses: {
        200: { description: 'Newest first', schema: z.object({ links: z.array(guestLinkOut) }) },
        404: problems[404],
        409: problems[409],
      },
      handler: async (input) => ({
        body: {
          links: (await listGuestLinks(deps, contextOf(input), input.params.tenantId, input.params.roomId)).map(
            presentLink,
          ),
        },
      }),
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/guest-links',
      operationId: 'createGuestLink',
      summary: 'A named, expiring link for one person from outside the agency (audited)',
      tag: 'meetings',
      personLimit: 'shares',
      params: roomParams,
      body: z
        .object({
          name: z.string().trim().min(1).max(200).describe('Who the link is for'),
          expiresInHours: z
            .number()
            .int()
            .min(guestLinkHours.min)
            .max(guestLinkHours.max)
            .optional()
            .describe(`Default ${guestLinkHours.default}`),
        })
        .strict(),
      adminWrite: true,
      responses: {
        201: { description: 'Created', schema: guestLinkOut },
        404: problems[404],
        409: problems[409],
        422: { description: 'The link’s lifetime is out of range' },
        503: { description: 'No Jitsi deployment is configured: nobody could join by the link' },
      },
      handler: async (input) => ({
        status: 201,
        body: presentLink(
          await createGuestLink(deps, contextOf(input), input.params.tenantId, input.params.roomId, input.body),
        ),
      }),
    }),
    route({
      method: 'delete',
      path: '/tenants/:tenantId/rooms/:roomId/guest-links/:linkId',
      operationId: 'revokeGuestLink',
      summary: 'Revoke a guest link (audited)',
      tag: 'meetings',
      params: linkParams,
      adminWrite: true,
      responses: { 204: { description: 'Revoked' }, 404: problems[404], 409: problems[409] },
      handler: async (input) => {
        await revokeGuestLink(deps, contextOf(input), input.params.tenantId, input.params.roomId, input.params.linkId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/guest/:token',
      operationId: 'getGuestLink',
      summary: 'What a guest link leads to (no sign-in)',
      tag: 'meetings',
      params: guestParams,
      public: true,
      responses: {
        200: {
          description: 'The link is valid',
          schema: z.object({
            roomTitle: z.string(),
            tenantName: z.string(),
            guestName: z.string(),
            expiresAt: z.string(),
          }),
        },
        404: { description: 'No such link' },
        409: { description: 'Guests are off for the tenant' },
        410: linkGone,
      },
      handler: async (input) => {
        const d = await describeGuestLink(store, input.params.token, input.now);
        return { body: { ...d, expiresAt: iso(d.expiresAt) } };
      },
    }),
    route({
      method: 'post',
      path: '/guest/:token/join',
      operationId: 'joinAsGuest',
      summary: 'A Jitsi token for the guest, who waits in the lobby until a moderator admits them (no sign-in)',
      tag: 'meetings',
      params: guestParams,
      body: z.object({ displayName: z.string().trim().min(1).max(100) }).strict(),
      public: true,
      responses: {
        200: {
          description: 'The token',
          schema: z.object({
            domain: z.string(),
            roomName: z.string(),
            jwt: z.string(),
            lobby: z.literal(true),
            displayName: z.string().describe('The name the meeting shows, marked as a guest’s: “Name (Gast)”'),
            expiresAt: z.string(),
          }),
        },
        404: { description: 'No such link' },
        409: { description: 'Guests or meetings are off for the tenant' },
        410: linkGone,
        503: problems[503],
      },
      handler: async (input) => {
        const j = await joinAsGuest(deps, input.params.token, input.body.displayName, input.now, input.requestId);
        return { body: { ...j, expiresAt: iso(j.expiresAt) } };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/policy',
      operationId: 'getTenantPolicy',
      summary:
        'Whether meetings, guests and recording are allowed in the tenant, whether everybody needs a second factor, and its largest upload (tenant admins)',
      tag: 'meetings',
      params: tenantParams,
      responses: { 200: { description: 'The policy', schema: policyOut } },
      handler: async (input) => ({
        body: await getTenantPolicy(store, contextOf(input), input.params.tenantId, limits),
      }),
    }),
    route({
      method: 'put',
      path: '/tenants/:tenantId/policy',
      operationId: 'setTenantPolicy',
      summary:
        'Switch meetings, guests, recording and the second factor for everybody on or off and set the largest upload for the tenant (audited)',
      tag: 'meetings',
      params: tenantParams,
      body: policyIn,
      adminWrite: true,
      responses: {
        200: { description: 'The policy now', schema: policyOut },
        422: { description: 'The largest upload is above the installation’s limit; `details.max` names it' },
      },
      handler: async (input) => ({
        body: await setTenantPolicy(store, contextOf(input), input.params.tenantId, input.body, limits),
      }),
    }),
  ];
}
