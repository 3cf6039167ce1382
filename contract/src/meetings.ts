import { z } from 'zod';
import { abilities } from './abilities.js';
import { id } from './common.js';

/* A room's video meeting: whether it can be joined, tokens for it, who joins and leaves, guest links. */

/** The video systems a workspace runs meetings on: LiveKit (the embedded default) or Jitsi Meet. */
export const meetingProviders = ['livekit', 'jitsi'] as const;
export type MeetingProvider = (typeof meetingProviders)[number];
const provider = z.enum(meetingProviders).describe('The video system: livekit or jitsi');

/** Why a room has no meeting to join: no video system, the tenant turned meetings off, or the room is archived. */
export const meetingUnavailableReasons = ['not-configured', 'disabled-for-tenant', 'archived'] as const;
export type MeetingUnavailableReason = (typeof meetingUnavailableReasons)[number];

/** Someone in a running meeting, as the video system reports them (LiveKit's webhooks, or their client). */
export const meetingPresence = z.object({ personId: id, displayName: z.string() }).meta({ id: 'MeetingPresence' });
export type MeetingPresence = z.output<typeof meetingPresence>;

/** A link guest in the meeting's waiting room, for the room's moderators to let in or turn away. */
export const waitingGuest = z
  .object({
    admissionId: id,
    displayName: z.string().describe('The name the guest gave, marked as a guest’s: “Name (Gast)”'),
    since: z.string().describe('When the guest asked to enter'),
  })
  .meta({ id: 'WaitingGuest' });
export type WaitingGuest = z.output<typeof waitingGuest>;

/** POST …/meeting/waiting/:admissionId: a moderator's answer to a waiting guest. */
export const admissionDecisionIn = z.object({ admit: z.boolean().describe('true lets the guest in') }).strict();

export const meetingOut = z
  .object({
    available: z.boolean().describe('Whether the room’s meeting can take place at all'),
    reason: z.enum(meetingUnavailableReasons).nullable(),
    provider: provider.nullable().describe('The video system; null without one'),
    domain: z
      .string()
      .nullable()
      .describe('Host of the Jitsi Meet web, or the LiveKit server’s ws(s) URL; null without a video system'),
    roomName: z.string().nullable().describe('The video system’s name of the room; only for those who may join'),
    running: z.boolean().describe('Someone is in the meeting now'),
    participants: z
      .array(meetingPresence)
      .optional()
      .describe(
        'The members of the room in the meeting now, in the order they joined (guests are not listed); ' +
          'empty for those who may not join. Always sent; optional for readers of older servers',
      ),
    waiting: z
      .array(waitingGuest)
      .optional()
      .describe(
        'Link guests waiting to be let in, oldest first; only for those who may moderate, empty for others. ' +
          'Always sent; optional for readers of older servers',
      ),
    abilities: abilities.describe('meeting.join, meeting.moderate, guestLink.manage'),
  })
  .meta({ id: 'Meeting' });
export type MeetingInfo = z.output<typeof meetingOut>;

/** GET /tenants/:tenantId/meetings: the running meetings of the caller's rooms, for the room list. */
export const runningMeetingList = z
  .object({
    meetings: z.array(
      z.object({
        roomId: id,
        startedAt: z.string(),
        participants: z.array(meetingPresence),
      }),
    ),
  })
  .meta({ id: 'RunningMeetings' });
export type RunningMeetingList = z.output<typeof runningMeetingList>;

/** What the embedded meeting needs: where, which room, and a signed token for it. */
export const meetingTokenOut = z
  .object({
    provider,
    domain: z.string(),
    roomName: z.string(),
    jwt: z
      .string()
      .describe('Short-lived token: Jitsi’s (pass as `jwt` to the IFrame API) or LiveKit’s (to Room.connect)'),
    expiresAt: z.string(),
    moderator: z.boolean(),
  })
  .meta({ id: 'MeetingToken' });
export type MeetingTicket = z.output<typeof meetingTokenOut>;

/**
 * POST …/meeting/token: members send nothing; a guest of the room waits to be let in like a link
 * guest and asks again with the request's id (ADR 0051).
 */
/** A waiting guest's question about their earlier request (the waiting room, ADR 0051). */
const waitingQuestion = {
  admissionId: id.optional().describe('The request this guest made before: asks whether it has been answered'),
  waitSeconds: z
    .number()
    .int()
    .min(0)
    .max(25)
    .optional()
    .describe('With admissionId: hold the answer up to this long while the request still waits (a long poll)'),
};

export const meetingTokenIn = z.object(waitingQuestion).strict();
export type MeetingTokenRequest = z.input<typeof meetingTokenIn>;

/** POST …/meeting/events: the caller joined or left the meeting. */
export const meetingEventKinds = ['joined', 'left'] as const;
export type MeetingEventKind = (typeof meetingEventKinds)[number];
export const meetingEventIn = z.object({ kind: z.enum(meetingEventKinds) }).strict();

export const guestLinkStates = ['valid', 'expired', 'revoked'] as const;
export type GuestLinkState = (typeof guestLinkStates)[number];

export const guestLinkOut = z
  .object({
    id,
    name: z.string(),
    url: z.string().describe('The link to hand to the guest'),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    createdBy: z.string().describe('Name of who made the link'),
    state: z.enum(guestLinkStates),
  })
  .meta({ id: 'GuestLink' });
export type GuestLink = z.output<typeof guestLinkOut>;

export const guestLinkList = z.object({ links: z.array(guestLinkOut) });

/** How long a guest link lasts, in hours. */
export const guestLinkHours = { min: 1, max: 720, default: 24 } as const;

export const guestLinkIn = z
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
  .strict();
export type NewGuestLink = z.input<typeof guestLinkIn>;

export const guestLinkParams = z.object({ tenantId: id, roomId: id, linkId: id });
export const admissionParams = z.object({ tenantId: id, roomId: id, admissionId: id });

const guestSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/)
  .describe('The secret part of a guest link');
export const guestParams = z.object({ token: guestSecret });
export const guestAdmissionParams = z.object({ token: guestSecret, admissionId: id });

/** GET /api/guest/:token: a guest link as its holder sees it before joining. */
export const guestInvitationOut = z.object({
  roomTitle: z.string(),
  tenantName: z.string(),
  guestName: z.string(),
  expiresAt: z.string(),
});
export type GuestInvitation = z.output<typeof guestInvitationOut>;

export const guestJoinIn = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    ...waitingQuestion,
  })
  .strict();

/** POST /api/guest/:token/join while no moderator has answered: the guest waits, and asks again. */
export const guestWaitingOut = z
  .object({
    state: z.literal('waiting'),
    admissionId: id.describe('Send it back with the next call to hear the answer'),
    displayName: z.string().describe('The name the meeting will show, marked as a guest’s: “Name (Gast)”'),
  })
  .meta({ id: 'GuestWaiting' });
export type GuestWaiting = z.output<typeof guestWaitingOut>;

/** POST /api/guest/:token/join once a moderator has let the guest in: the meeting's token. */
export const guestTicketOut = z
  .object({
    state: z.literal('admitted'),
    admissionId: id,
    provider,
    domain: z.string(),
    roomName: z.string(),
    jwt: z.string(),
    displayName: z.string().describe('The name the meeting shows, marked as a guest’s: “Name (Gast)”'),
    expiresAt: z.string(),
  })
  .meta({ id: 'GuestTicket' });
export type GuestTicket = z.output<typeof guestTicketOut>;
