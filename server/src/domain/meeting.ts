import type { RoomRole } from './room.js';
import { roleMay } from './roomCapabilities.js';

/** What a tenant admin allows for the tenant's meetings, and whether everybody needs a second factor. */
export interface TenantPolicy {
  meetings: boolean;
  guests: boolean;
  recording: boolean;
  /** Everybody of the tenant signs in with a second factor, not only admins (ADR 0025). */
  secondFactor: boolean;
}

export const defaultTenantPolicy: TenantPolicy = {
  meetings: true,
  guests: true,
  recording: false,
  secondFactor: false,
};

/** A link that lets one named person from outside the agency into a room's meeting, through the lobby. */
export interface GuestLink {
  id: string;
  tenantId: string;
  roomId: string;
  /** Who the link is for. */
  name: string;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Random; with the server's key it makes the link's secret again. */
  tokenSalt: string;
}

export type GuestLinkState = 'valid' | 'expired' | 'revoked';

export function guestLinkState(link: Pick<GuestLink, 'expiresAt' | 'revokedAt'>, now: number): GuestLinkState {
  if (link.revokedAt !== null) return 'revoked';
  return now >= link.expiresAt ? 'expired' : 'valid';
}

export const guestLinkHours = { min: 1, max: 720, default: 24 } as const;

/** Someone in a room's meeting (as far as their client has told us). */
export interface MeetingParticipant {
  personId: string;
  displayName: string;
  present: boolean;
  joinedAt: number;
}

/** The field of a meeting's chat notice that the web client shows with names. */
export const meetingNoticeField = 'de.arbeitsbereich.meeting';

/** A chat notice's text and fields, stored by the homeserver as they are. */
export interface ChatNotice {
  body: string;
  fields: Record<string, unknown>;
}

/**
 * The notices the room's chat gets when a meeting starts and ends. The service posts them
 * unencrypted, so the homeserver keeps them in clear: they name nobody. The field carries the
 * people's ids, which the web client shows by name from the room's member list in the workspace
 * (ADR 0028).
 */
export const meetingNotice = {
  started: (roomId: string, byPersonId: string): ChatNotice => ({
    body: 'Eine Besprechung hat begonnen.',
    fields: { [meetingNoticeField]: { roomId, event: 'started', by: byPersonId } },
  }),
  ended: (roomId: string, participantIds: string[]): ChatNotice => ({
    body: 'Die Besprechung ist beendet.',
    fields: { [meetingNoticeField]: { roomId, event: 'ended', participants: participantIds } },
  }),
};

/**
 * How a link guest is named in a meeting: the name they typed, marked as a guest's, so nobody
 * can pass for a member of the agency by choosing that member's name.
 */
export function guestMeetingName(typed: string): string {
  return `${typed.trim()} (Gast)`;
}

/** The start of every video system identity a guest link gives its guests. */
export const guestIdentityPrefix = (linkId: string): string => `guest-${linkId}-`;

/** What someone may do in a room's meeting once in: moderate (admit, mute, remove), and send their own media. */
export interface MeetingGrant {
  moderate: boolean;
  publish: boolean;
}

/**
 * A member's rights in the room's meeting, read from the room role table: owners and moderators
 * moderate, members (and above) send camera and microphone, room guests join to watch and listen.
 */
export function meetingGrantOf(role: RoomRole | null): MeetingGrant {
  return { moderate: roleMay(role, 'meeting.moderate'), publish: roleMay(role, 'meeting.publish') };
}

/**
 * A link guest's rights once a moderator has let them in from the waiting room (ADR 0051): they
 * send camera and microphone, and never moderate.
 */
export const linkGuestGrant: MeetingGrant = { moderate: false, publish: true };

/**
 * Where a guest's request to enter stands: waiting for a moderator, let in, turned away, or
 * withdrawn by the guest (they stopped waiting).
 */
export const admissionStates = ['waiting', 'admitted', 'declined', 'withdrawn'] as const;
export type AdmissionState = (typeof admissionStates)[number];

/** A guest's request to enter the room's meeting (the waiting room, ADR 0051). */
export interface MeetingAdmission {
  id: string;
  tenantId: string;
  roomId: string;
  /** The guest link a link guest came by; null for a room guest. */
  linkId: string | null;
  /** The room guest who asks; null for a link guest. */
  personId: string | null;
  /** The name the meeting shows, marked as a guest's. */
  displayName: string;
  state: AdmissionState;
  createdAt: number;
  /** When the guest last asked about it. */
  seenAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
}

/**
 * How long a request waits for a moderator before it lapses (the guest knocks again); how long a
 * waiting guest may go without asking before the moderators no longer see them (they closed the
 * page; a waiting guest asks at least every 25 s); how long an admission lets the guest back in (a
 * reload, a dropped connection) without asking again.
 */
export const admissionLimits = { waitingMs: 30 * 60_000, unseenMs: 60_000, admittedMs: 4 * 3_600_000 } as const;

/**
 * The request's state at `now`: a request nobody answered in time, or whose guest stopped asking,
 * and an admission that ran out, have lapsed.
 */
export function admissionStateAt(admission: MeetingAdmission, now: number): AdmissionState | 'lapsed' {
  if (
    admission.state === 'waiting' &&
    (now - admission.createdAt > admissionLimits.waitingMs || now - admission.seenAt > admissionLimits.unseenMs)
  ) {
    return 'lapsed';
  }
  if (
    admission.state === 'admitted' &&
    now - (admission.decidedAt ?? admission.createdAt) > admissionLimits.admittedMs
  ) {
    return 'lapsed';
  }
  return admission.state;
}

/** Who is to leave a running meeting: one participant by identity, or every guest of one guest link. */
export type MeetingLeaver = { identity: string } | { guestLinkId: string };
