import {
  guestInvitationOut,
  guestLinkList,
  guestLinkOut,
  guestTicketOut,
  guestWaitingOut,
  meetingOut,
  meetingTokenOut,
  runningMeetingList,
  tenantPolicyReading,
  type GuestInvitation,
  type GuestLink,
  type GuestTicket as GuestTicketOut,
  type GuestWaiting,
  type MeetingEventKind,
  type MeetingInfo,
  type MeetingTicket,
  type NewGuestLink,
  type RunningMeetingList,
  type TenantPolicy,
  type TenantPolicyChanges,
} from '@arbeitsbereich/contract';
import { type ApiFailure, getJson, sendJson, withSignal } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

/** A guest's way in, once a moderator has let them in from the waiting room; the page does not use the token's expiry. */
const guestTicketReading = guestTicketOut.omit({ expiresAt: true });
export type GuestTicket = Omit<GuestTicketOut, 'expiresAt'>;
/** What a guest's knock answers: still waiting, or let in. */
export type GuestEntry = GuestWaiting | GuestTicket;

export const parseMeetingInfo = (value: unknown): MeetingInfo => parseWith(meetingOut, value);
export const parseMeetingTicket = (value: unknown): MeetingTicket => parseWith(meetingTokenOut, value);
export const parseGuestLink = (value: unknown): GuestLink => parseWith(guestLinkOut, value);
export const parseGuestInvitation = (value: unknown): GuestInvitation => parseWith(guestInvitationOut, value);
export const parseGuestTicket = (value: unknown): GuestTicket => parseWith(guestTicketReading, value);
/** Whether the server's answer says the guest still waits to be let in. */
export const isWaitingAnswer = (value: unknown): value is GuestWaiting =>
  typeof value === 'object' && value !== null && 'state' in value && value.state === 'waiting';
export const parseGuestEntry = (value: unknown): GuestEntry =>
  isWaitingAnswer(value) ? parseWith(guestWaitingOut, value) : parseGuestTicket(value);
export const parseTenantPolicy = (value: unknown): TenantPolicy => parseWith(tenantPolicyReading, value);

/** Why a guest link does not lead into a meeting, read from the server's answer. */
export type GuestLinkProblem = 'expired' | 'revoked' | 'unknown' | 'disabled' | 'declined' | 'lapsed' | 'other';

export function guestLinkProblem(failure: ApiFailure): GuestLinkProblem {
  if (failure.kind !== 'http') return 'other';
  const type = failure.problem?.type ?? '';
  if (type.endsWith('admission-declined')) return 'declined';
  if (type.endsWith('admission-lapsed')) return 'lapsed';
  if (type.endsWith('guest-link-revoked')) return 'revoked';
  if (type.endsWith('guest-link-expired')) return 'expired';
  if (failure.status === 410) return 'expired';
  if (failure.status === 404) return 'unknown';
  // The tenant has turned guests (or meetings) off.
  if (failure.status === 409) return 'disabled';
  return 'other';
}

const meetingPath = (tenantId: string, roomId: string): string =>
  `${tenantPath(tenantId)}/rooms/${encodeURIComponent(roomId)}/meeting`;
const guestLinksPath = (tenantId: string, roomId: string): string =>
  `${tenantPath(tenantId)}/rooms/${encodeURIComponent(roomId)}/guest-links`;
const guestPath = (token: string): string => `/api/guest/${encodeURIComponent(token)}`;

/** GET …/rooms/:roomId/meeting: whether the room's meeting can be joined, and by whom. */
export async function getMeeting(tenantId: string, roomId: string, signal?: AbortSignal): Promise<MeetingInfo> {
  return parseMeetingInfo((await getJson(meetingPath(tenantId, roomId), withSignal(signal))).body);
}

/** GET …/meetings: the running meetings of the person's rooms, and who is in each. */
export async function listRunningMeetings(tenantId: string, signal?: AbortSignal): Promise<RunningMeetingList> {
  return parseWith(runningMeetingList, (await getJson(`${tenantPath(tenantId)}/meetings`, withSignal(signal))).body);
}

/** POST …/meeting/token: a short-lived token for the embedded meeting. */
/**
 * POST …/meeting/token: a member's token at once; a guest of the room first waits to be let in
 * (answered "waiting", then asked again with the request's id, held by the server up to 20 s).
 */
export async function requestMeetingTicket(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  admissionId?: string,
): Promise<MeetingTicket | GuestWaiting> {
  const body = admissionId === undefined ? {} : { admissionId, waitSeconds: 20 };
  const answer = (await sendJson('POST', `${meetingPath(tenantId, roomId)}/token`, { csrfToken, body })).body;
  return isWaitingAnswer(answer) ? parseWith(guestWaitingOut, answer) : parseMeetingTicket(answer);
}

/** POST …/meeting/events: tells the server this person joined or left (it notes start and end in the chat). */
export async function reportMeetingEvent(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  kind: MeetingEventKind,
  options: { keepalive?: boolean } = {},
): Promise<void> {
  await sendJson('POST', `${meetingPath(tenantId, roomId)}/events`, {
    csrfToken,
    body: { kind },
    ...(options.keepalive ? { keepalive: true } : {}),
  });
}

export async function listGuestLinks(tenantId: string, roomId: string, signal?: AbortSignal): Promise<GuestLink[]> {
  return parseWith(guestLinkList, (await getJson(guestLinksPath(tenantId, roomId), withSignal(signal))).body).links;
}

export async function createGuestLink(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  link: NewGuestLink,
): Promise<GuestLink> {
  return parseGuestLink((await sendJson('POST', guestLinksPath(tenantId, roomId), { csrfToken, body: link })).body);
}

export async function revokeGuestLink(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  linkId: string,
): Promise<void> {
  await sendJson('DELETE', `${guestLinksPath(tenantId, roomId)}/${encodeURIComponent(linkId)}`, { csrfToken });
}

/** GET /api/guest/:token (public): which meeting a guest link leads to. */
export async function getGuestInvitation(token: string, signal?: AbortSignal): Promise<GuestInvitation> {
  return parseGuestInvitation((await getJson(guestPath(token), withSignal(signal))).body);
}

/**
 * POST /api/guest/:token/join (public): the first call asks to enter under the guest's name and
 * answers "waiting"; called again with the request's id, it answers once a moderator has decided
 * (let in: with the meeting's token), or after 20 s that the guest still waits.
 */
export async function joinAsGuest(token: string, displayName: string, admissionId?: string): Promise<GuestEntry> {
  // Asked again, the server holds the answer until a moderator decides, or 20 s.
  const body = admissionId === undefined ? { displayName } : { displayName, admissionId, waitSeconds: 20 };
  return parseGuestEntry((await sendJson('POST', `${guestPath(token)}/join`, { body })).body);
}

/** DELETE …/meeting/waiting/:admissionId: a guest of the room stops waiting; the moderators' list loses the request at once. */
export async function withdrawAdmission(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  admissionId: string,
): Promise<void> {
  await sendJson('DELETE', `${meetingPath(tenantId, roomId)}/waiting/${encodeURIComponent(admissionId)}`, {
    csrfToken,
    keepalive: true,
  });
}

/** DELETE /api/guest/:token/admissions/:admissionId (public): a link guest stops waiting. */
export async function withdrawGuestAdmission(token: string, admissionId: string): Promise<void> {
  await sendJson('DELETE', `${guestPath(token)}/admissions/${encodeURIComponent(admissionId)}`, { keepalive: true });
}

/** POST …/meeting/waiting/:admissionId: a moderator lets a waiting guest in, or turns them away. */
export async function decideAdmission(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  admissionId: string,
  admit: boolean,
): Promise<void> {
  await sendJson('POST', `${meetingPath(tenantId, roomId)}/waiting/${encodeURIComponent(admissionId)}`, {
    csrfToken,
    body: { admit },
  });
}

export async function getTenantPolicy(tenantId: string, signal?: AbortSignal): Promise<TenantPolicy> {
  return parseTenantPolicy((await getJson(`${tenantPath(tenantId)}/policy`, withSignal(signal))).body);
}

export async function putTenantPolicy(
  csrfToken: string,
  tenantId: string,
  policy: TenantPolicyChanges,
): Promise<TenantPolicy> {
  return parseTenantPolicy((await sendJson('PUT', `${tenantPath(tenantId)}/policy`, { csrfToken, body: policy })).body);
}
