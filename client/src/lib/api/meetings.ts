import { type Abilities } from '@arbeitsbereich/contract';
import { type ApiFailure, getJson, sendJson, withSignal } from './http';
import { abilities, invalidShape, list, oneOf, record, text, textOrNull } from './shape';
import { tenantPath } from './tenants';

/** Why a room has no meeting to join: no Jitsi deployment, the tenant turned meetings off, or the room is archived. */
export const MEETING_UNAVAILABLE_REASONS = ['not-configured', 'disabled-for-tenant', 'archived'] as const;
export type MeetingUnavailableReason = (typeof MEETING_UNAVAILABLE_REASONS)[number];

/** The meeting of one room, as far as the signed-in person may see and do it. */
export interface MeetingInfo {
  available: boolean;
  reason: MeetingUnavailableReason | null;
  /** The Jitsi deployment, e.g. "meet.example.org"; null without one. */
  domain: string | null;
  /** The room's name on the Jitsi deployment. */
  roomName: string | null;
  /** Whether someone is in the meeting right now. */
  running: boolean;
  /** meeting.join, meeting.moderate, guestLink.manage */
  abilities: Abilities;
}

/** What the embedded meeting needs: where, which room, and a signed token for it. */
export interface MeetingTicket {
  domain: string;
  roomName: string;
  jwt: string;
  expiresAt: string;
  moderator: boolean;
}

export type MeetingEventKind = 'joined' | 'left';

export const GUEST_LINK_STATES = ['valid', 'expired', 'revoked'] as const;
export type GuestLinkState = (typeof GUEST_LINK_STATES)[number];

export interface GuestLink {
  id: string;
  name: string;
  url: string;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: string;
  state: GuestLinkState;
}

export interface NewGuestLink {
  name: string;
  expiresInHours?: number;
}

/** A guest link as its holder sees it before joining. */
export interface GuestInvitation {
  roomTitle: string;
  tenantName: string;
  guestName: string;
  expiresAt: string;
}

/** A guest's way in: always through the meeting's lobby (Warteraum). */
export interface GuestTicket {
  domain: string;
  roomName: string;
  jwt: string;
  lobby: boolean;
  /** The name the meeting shows, marked by the server as a guest's ("Name (Gast)"); not changeable there. */
  displayName: string;
}

/** What a tenant allows: meetings at all, guests in them, recording; the second factor for everybody; the largest upload. */
export interface TenantPolicy {
  meetings: boolean;
  guests: boolean;
  recording: boolean;
  /** Everybody of the tenant signs in with a second factor, not only its admins. */
  secondFactor: boolean;
  /** Largest file per upload in MB; null: the installation's default (DOCUMENTS_MAX_UPLOAD_MB). */
  maxUploadMb: number | null;
  /** The installation's largest upload in MB: the highest a tenant may set; null if the server did not say. */
  maxUploadMbCeiling: number | null;
  /** What the tenant's documents take in storage and its quota (null: none); null if the server did not say. */
  storage: { usedBytes: number; quotaBytes: number | null } | null;
  abilities: Abilities;
}

export type TenantPolicyChanges = Omit<TenantPolicy, 'abilities' | 'maxUploadMbCeiling' | 'storage'>;

function flag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidShape();
  return value;
}

export function parseMeetingInfo(value: unknown): MeetingInfo {
  const m = record(value);
  return {
    available: flag(m.available),
    reason: m.reason === null || m.reason === undefined ? null : oneOf(MEETING_UNAVAILABLE_REASONS, m.reason),
    domain: textOrNull(m.domain),
    roomName: textOrNull(m.roomName),
    running: m.running === true,
    abilities: abilities(m.abilities ?? {}),
  };
}

export function parseMeetingTicket(value: unknown): MeetingTicket {
  const t = record(value);
  return {
    domain: text(t.domain),
    roomName: text(t.roomName),
    jwt: text(t.jwt),
    expiresAt: text(t.expiresAt),
    moderator: t.moderator === true,
  };
}

export function parseGuestLink(value: unknown): GuestLink {
  const l = record(value);
  return {
    id: text(l.id),
    name: text(l.name),
    url: text(l.url),
    expiresAt: text(l.expiresAt),
    revokedAt: textOrNull(l.revokedAt),
    createdBy: text(l.createdBy),
    state: oneOf(GUEST_LINK_STATES, l.state),
  };
}

export function parseGuestInvitation(value: unknown): GuestInvitation {
  const g = record(value);
  return {
    roomTitle: text(g.roomTitle),
    tenantName: text(g.tenantName),
    guestName: text(g.guestName),
    expiresAt: text(g.expiresAt),
  };
}

export function parseGuestTicket(value: unknown): GuestTicket {
  const g = record(value);
  return {
    domain: text(g.domain),
    roomName: text(g.roomName),
    jwt: text(g.jwt),
    lobby: g.lobby !== false,
    displayName: text(g.displayName),
  };
}

function storageOf(value: unknown): TenantPolicy['storage'] {
  if (typeof value !== 'object' || value === null) return null;
  const { usedBytes, quotaBytes } = value as Record<string, unknown>;
  if (typeof usedBytes !== 'number' || usedBytes < 0) return null;
  return { usedBytes, quotaBytes: typeof quotaBytes === 'number' && quotaBytes > 0 ? quotaBytes : null };
}

export function parseTenantPolicy(value: unknown): TenantPolicy {
  const p = record(value);
  return {
    meetings: flag(p.meetings),
    guests: flag(p.guests),
    recording: flag(p.recording),
    secondFactor: flag(p.secondFactor),
    maxUploadMb: typeof p.maxUploadMb === 'number' && p.maxUploadMb > 0 ? p.maxUploadMb : null,
    maxUploadMbCeiling:
      typeof p.maxUploadMbCeiling === 'number' && Number.isInteger(p.maxUploadMbCeiling) && p.maxUploadMbCeiling >= 1
        ? p.maxUploadMbCeiling
        : null,
    storage: storageOf(p.storage),
    abilities: abilities(p.abilities ?? {}),
  };
}

/** Why a guest link does not lead into a meeting, read from the server's answer. */
export type GuestLinkProblem = 'expired' | 'revoked' | 'unknown' | 'disabled' | 'other';

export function guestLinkProblem(failure: ApiFailure): GuestLinkProblem {
  if (failure.kind !== 'http') return 'other';
  const type = failure.problem?.type ?? '';
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

/** POST …/meeting/token: a short-lived token for the embedded meeting. */
export async function requestMeetingTicket(
  csrfToken: string,
  tenantId: string,
  roomId: string,
): Promise<MeetingTicket> {
  return parseMeetingTicket((await sendJson('POST', `${meetingPath(tenantId, roomId)}/token`, { csrfToken })).body);
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
  const body = record((await getJson(guestLinksPath(tenantId, roomId), withSignal(signal))).body);
  return list(body.links, parseGuestLink);
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

/** POST /api/guest/:token/join (public): a token for the meeting's lobby under the guest's name. */
export async function joinAsGuest(token: string, displayName: string): Promise<GuestTicket> {
  return parseGuestTicket((await sendJson('POST', `${guestPath(token)}/join`, { body: { displayName } })).body);
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
