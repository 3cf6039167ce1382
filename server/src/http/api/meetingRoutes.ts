import type { Response } from 'express';
import {
  createGuestLink,
  describeGuestLink,
  joinAsGuest,
  listGuestLinks,
  revokeGuestLink,
  type GuestLinkDeps,
  type GuestLinkView,
} from '../../commands/meetings/guestLinks.js';
import {
  endMeeting,
  getMeeting,
  listRunningMeetings,
  mintMeetingToken,
  recordMeetingEvent,
  recordVideoSystemEvent,
} from '../../commands/meetings/meetingCommands.js';
import type { MeetingSignals } from '../../domain/ports/meetings.js';
import type { MeetingView } from '../../commands/meetings/meetingCommands.js';
import { holdWhileWaiting, isWaiting, type Hold } from '../../commands/meetings/admissions.js';
import { invalid, unavailable } from '../../domain/errors.js';
import { getTenantPolicy, setTenantPolicy, type PolicyLimits } from '../../commands/meetings/tenantPolicy.js';
import { route } from './apiRoute.js';
import {
  guestInvitationOut,
  guestJoinIn,
  guestLinkIn,
  guestLinkList,
  guestLinkOut,
  guestLinkParams,
  guestWaitingOut,
  guestParams,
  meetingEventIn,
  meetingOut,
  meetingTokenIn,
  meetingTokenOut,
  roomParams,
  runningMeetingList,
  tenantParams,
  tenantPolicyIn,
  tenantPolicyOut,
  guestTicketOut,
  type GuestLink,
} from '@arbeitsbereich/contract';
import { contextOf } from './commandContext.js';
import { iso, isoOrNull } from './presenters.js';

const presentLink = (l: GuestLinkView): GuestLink => ({
  id: l.id,
  name: l.name,
  url: l.url,
  expiresAt: iso(l.expiresAt),
  revokedAt: isoOrNull(l.revokedAt),
  createdBy: l.createdByName,
  state: l.state,
});

/** A waiting guest's question, held open up to the seconds they asked for, until they go away. */
function guestHold(waitSeconds: number | undefined, res: Response): Hold {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  return { clock: Date.now, waitMs: (waitSeconds ?? 0) * 1000, stepMs: 1000, signal: gone.signal };
}

const presentMeeting = (view: MeetingView) => ({
  ...view,
  waiting: view.waiting.map((w) => ({ ...w, since: iso(w.since) })),
});

const problems = {
  404: { description: 'No such room (or not visible to the caller)' },
  409: { description: 'The room is archived, or meetings (or guests) are off for the tenant' },
  503: { description: 'No Jitsi deployment is configured; `detail` names the settings' },
};
const linkGone = { description: 'Expired or revoked: `type` ends in guest-link-expired or guest-link-revoked' };

/** A webhook's body is small JSON; more is refused before it is read further. */
const WEBHOOK_MAX_BYTES = 64 * 1024;

async function readText(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw invalid('The report is too large.');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function meetingRoutes(deps: GuestLinkDeps, limits: PolicyLimits, signals: MeetingSignals | null = null) {
  const { store } = deps;
  return [
    route({
      method: 'post',
      path: '/meetings/livekit/webhook',
      operationId: 'receiveLiveKitWebhook',
      summary: 'LiveKit reports who joined and left its rooms, signed with the API secret (no sign-in)',
      tag: 'meetings',
      public: true,
      signedCaller: true,
      rawBody: { description: 'LiveKit’s webhook event (JSON), as signed in the Authorization header' },
      responses: {
        204: { description: 'Received' },
        403: { description: 'Not signed by the LiveKit server (or not a webhook event)' },
        422: { description: 'Larger than a webhook event may be (64 KiB)' },
        503: { description: 'No LiveKit server is configured' },
      },
      handler: async (input) => {
        if (!signals) throw unavailable('No LiveKit server is configured.', 'meetings-not-configured');
        const body = await readText(input.req, WEBHOOK_MAX_BYTES);
        const event = await signals.read(body, input.req.headers.authorization);
        if (event) await recordVideoSystemEvent(store, event, input.now, input.requestId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms/:roomId/meeting',
      operationId: 'getMeeting',
      summary: 'The room’s video meeting: available, running, and what the caller may do',
      tag: 'meetings',
      params: roomParams,
      responses: { 200: { description: 'The meeting', schema: meetingOut }, 404: problems[404] },
      handler: async (input) => ({
        body: presentMeeting(await getMeeting(deps, contextOf(input), input.params.tenantId, input.params.roomId)),
      }),
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/meetings',
      operationId: 'listRunningMeetings',
      summary: 'The running meetings of the caller’s rooms and who is in each (the room list’s mark)',
      tag: 'meetings',
      params: tenantParams,
      responses: {
        200: { description: 'Running meetings, by room', schema: runningMeetingList },
        404: { description: 'No such tenant (or not visible to the caller)' },
      },
      handler: async (input) => ({
        body: {
          meetings: (await listRunningMeetings(deps, contextOf(input), input.params.tenantId)).map((m) => ({
            ...m,
            startedAt: iso(m.startedAt),
          })),
        },
      }),
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/token',
      operationId: 'createMeetingToken',
      summary: 'A short-lived Jitsi token for the room’s meeting (members only; moderator by room role)',
      tag: 'meetings',
      params: roomParams,
      body: meetingTokenIn,
      responses: {
        200: { description: 'The token', schema: meetingTokenOut },
        202: {
          description: 'A guest of the room waits until a moderator lets them in: ask again with `admissionId`',
          schema: guestWaitingOut,
        },
        403: {
          description:
            'Not a member who may join, or a deactivated person; a room guest a moderator turned away: `type` ends in admission-declined',
        },
        404: problems[404],
        409: problems[409],
        410: { description: 'A room guest’s request nobody answered in time: `type` ends in admission-lapsed' },
        503: problems[503],
      },
      handler: async (input) => {
        const ctx = contextOf(input);
        const t = await holdWhileWaiting(
          (now) => mintMeetingToken(deps, { ...ctx, now }, input.params.tenantId, input.params.roomId, input.body),
          input.body,
          guestHold(input.body.waitSeconds, input.res),
        );
        if (isWaiting(t)) return { status: 202, body: t };
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
      body: meetingEventIn,
      responses: { 204: { description: 'Recorded' }, ...problems },
      handler: async (input) => {
        await recordMeetingEvent(deps, contextOf(input), input.params.tenantId, input.params.roomId, input.body.kind);
        return { status: 204 };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/meeting/end',
      operationId: 'endMeeting',
      summary: 'End the room’s meeting for everyone in it (owners and moderators; audited)',
      tag: 'meetings',
      params: roomParams,
      responses: {
        204: { description: 'Ended; the video system disconnects everyone within seconds' },
        403: { description: 'Only the room’s owners and moderators end its meeting' },
        ...problems,
      },
      handler: async (input) => {
        await endMeeting(deps, contextOf(input), input.params.tenantId, input.params.roomId);
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
        200: { description: 'Newest first', schema: guestLinkList },
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
      body: guestLinkIn,
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
      params: guestLinkParams,
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
        200: { description: 'The link is valid', schema: guestInvitationOut },
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
      summary:
        'A guest asks to enter the meeting and waits until a moderator lets them in; asked again with the request, the answer (no sign-in)',
      tag: 'meetings',
      params: guestParams,
      body: guestJoinIn,
      public: true,
      responses: {
        200: { description: 'Let in: the meeting’s token', schema: guestTicketOut },
        202: { description: 'Waiting for a moderator: ask again with `admissionId`', schema: guestWaitingOut },
        403: { description: 'A moderator turned the guest away: `type` ends in admission-declined' },
        404: { description: 'No such link, or no such request of this link' },
        409: { description: 'Guests or meetings are off for the tenant' },
        410: {
          description:
            'The link expired or was revoked (`type` ends in guest-link-expired or guest-link-revoked), or nobody answered the request in time (admission-lapsed)',
        },
        503: problems[503],
      },
      handler: async (input) => {
        const entry = await holdWhileWaiting(
          (now) => joinAsGuest(deps, input.params.token, input.body, now, input.requestId),
          input.body,
          guestHold(input.body.waitSeconds, input.res),
        );
        if (isWaiting(entry)) return { status: 202, body: entry };
        return { body: { ...entry, expiresAt: iso(entry.expiresAt) } };
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
      responses: { 200: { description: 'The policy', schema: tenantPolicyOut } },
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
      body: tenantPolicyIn,
      adminWrite: true,
      responses: {
        200: { description: 'The policy now', schema: tenantPolicyOut },
        422: { description: 'The largest upload is above the installation’s limit; `details.max` names it' },
      },
      handler: async (input) => ({
        body: await setTenantPolicy(store, contextOf(input), input.params.tenantId, input.body, limits),
      }),
    }),
  ];
}
