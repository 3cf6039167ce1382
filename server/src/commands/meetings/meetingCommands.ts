import { randomBytes, randomUUID } from 'node:crypto';
import { forbidden, unavailable } from '../../domain/errors.js';
import {
  type ChatNotice,
  type MeetingParticipant,
  guestMeetingName,
  meetingGrantOf,
  meetingNotice,
} from '../../domain/meeting.js';
import { loadTenantFor } from '../loadTenant.js';
import { allow } from '../../domain/policies/policy.js';
import type { MeetingProvider, MeetingTokens, VideoSystemEvent } from '../../domain/ports/meetings.js';
import type { NewAudit, Store, StoreTx } from '../../domain/ports/store.js';
import { actingPerson, auditEntry, type CommandContext } from '../context.js';
import { queueMeetingEnd } from '../meetingControl.js';
import { notifyMembers } from '../roomSignals.js';
import { admissionAnswer, knock, waitingGuests, type Waiting } from './admissions.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { authorizeMeeting, loadMeeting, meetingAbilities, meetingResource, type LoadedMeeting } from './loadMeeting.js';

export interface MeetingDeps {
  store: Store;
  /** The video system; null when the deployment has none. */
  tokens: MeetingTokens | null;
}

export type MeetingUnavailableReason = 'not-configured' | 'disabled-for-tenant' | 'archived';

export interface MeetingView {
  available: boolean;
  reason: MeetingUnavailableReason | null;
  provider: MeetingProvider | null;
  domain: string | null;
  roomName: string | null;
  running: boolean;
  /** Who of the room is in the meeting now (for those who may join it). */
  participants: MeetingPresence[];
  /** Guests waiting to be let in, oldest first (for those who may moderate; ADR 0051). */
  waiting: WaitingGuest[];
  abilities: Record<string, boolean>;
}

/** A guest in the meeting's waiting room (by a guest link, or a guest of the room). */
export interface WaitingGuest {
  admissionId: string;
  displayName: string;
  since: number;
}

/** Someone of the room in its running meeting. */
export interface MeetingPresence {
  personId: string;
  displayName: string;
}

const presentOnes = (participants: MeetingParticipant[]): MeetingPresence[] =>
  participants.filter((p) => p.present).map((p) => ({ personId: p.personId, displayName: p.displayName }));

export const notConfiguredDetail =
  'Video meetings need a LiveKit server or a Jitsi Meet deployment. Set LIVEKIT_URL, LIVEKIT_API_KEY and ' +
  'LIVEKIT_API_SECRET, or JITSI_DOMAIN, JITSI_APP_ID and JITSI_APP_SECRET (or JITSI_PRIVATE_KEY_FILE with ' +
  'JITSI_KEY_ID) for the backend, as described in the README and docs/deploy-jitsi.md.';

export function requireTokens(tokens: MeetingTokens | null): MeetingTokens {
  if (!tokens) throw unavailable(notConfiguredDetail, 'meetings-not-configured');
  return tokens;
}

/** A random, unguessable name for the room's meeting: never the title, which others could guess. */
export const newMeetingRoomName = (): string => `ws${randomBytes(16).toString('hex')}`;

function reasonOf(deps: MeetingDeps, m: LoadedMeeting): MeetingUnavailableReason | null {
  if (!deps.tokens) return 'not-configured';
  if (m.archived) return 'archived';
  if (!m.policy.meetings) return 'disabled-for-tenant';
  return null;
}

/** Whether the room's meeting can take place, whether it is running, and what the caller may do. */
export async function getMeeting(
  deps: MeetingDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<MeetingView> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  const reason = reasonOf(deps, m);
  const mayJoin = allow(ctx.actor, 'meeting.join', meetingResource(m));
  const roomName =
    reason === null && mayJoin
      ? await deps.store.transaction((tx) => tx.meetings.ensureRoomName(roomId, newMeetingRoomName(), ctx.now))
      : null;
  const abilities = meetingAbilities(ctx, m);
  const mayModerate = reason === null && allow(ctx.actor, 'meeting.moderate', meetingResource(m));
  const waiting = mayModerate ? await waitingGuests(deps.store, roomId, ctx.now) : [];
  return {
    available: reason === null,
    reason,
    provider: deps.tokens?.provider ?? null,
    domain: deps.tokens?.domain ?? null,
    roomName,
    running: (await deps.store.read.meetings.startedAt(roomId)) !== null,
    participants: mayJoin ? presentOnes(await deps.store.read.meetings.participants(roomId)) : [],
    waiting: waiting.map((a) => ({ admissionId: a.id, displayName: a.displayName, since: a.createdAt })),
    abilities:
      reason === 'not-configured' ? Object.fromEntries(Object.keys(abilities).map((k) => [k, false])) : abilities,
  };
}

export interface RunningMeeting {
  roomId: string;
  startedAt: number;
  participants: MeetingPresence[];
}

/**
 * The running meetings of the caller's rooms in the tenant, with who is in each: the room list's
 * "in a meeting" mark. Only rooms whose meeting the caller may join count.
 */
export async function listRunningMeetings(
  deps: MeetingDeps,
  ctx: CommandContext,
  tenantId: string,
): Promise<RunningMeeting[]> {
  // The tenant's room list is where the mark shows: whoever may list its rooms may ask.
  await loadTenantFor(deps.store, ctx, 'room.list', tenantId, false);
  const me = ctx.actor.userId;
  if (!me || !deps.tokens) return [];
  const running: RunningMeeting[] = [];
  for (const roomId of await deps.store.read.rooms.roomsOf(me)) {
    const startedAt = await deps.store.read.meetings.startedAt(roomId);
    if (startedAt === null) continue;
    const room = await deps.store.read.rooms.findById(roomId);
    if (!room || room.tenantId !== tenantId) continue;
    const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
    if (!allow(ctx.actor, 'meeting.join', meetingResource(m))) continue;
    running.push({ roomId, startedAt, participants: presentOnes(await deps.store.read.meetings.participants(roomId)) });
  }
  return running;
}

async function activeSelf(store: Store, ctx: CommandContext) {
  const person = ctx.actor.userId ? await store.read.people.findById(ctx.actor.userId) : undefined;
  if (!person || person.status !== 'active')
    throw forbidden('Deaktivierte Personen nehmen an keiner Besprechung teil.');
  return person;
}

export interface MeetingTokenView {
  provider: MeetingProvider;
  domain: string;
  roomName: string;
  jwt: string;
  expiresAt: number;
  moderator: boolean;
}

/**
 * A short-lived token for the room's meeting, only for an active member of the
 * room: those whose room role may moderate the meeting (`meeting.moderate` in
 * the room role table, domain/roomCapabilities.ts) moderate, those whose role may
 * send (`meeting.publish`) send camera and microphone, room guests watch and listen.
 */
export async function mintMeetingToken(
  deps: MeetingDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  request: { admissionId?: string | undefined } = {},
): Promise<MeetingTokenView | Waiting> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  const tokens = requireTokens(deps.tokens);
  await authorizeMeeting(deps.store, ctx, 'meeting.join', m, true);
  const person = await activeSelf(deps.store, ctx);
  // A guest of the room waits until a moderator lets them in, as a link guest does (ADR 0051).
  if (m.myRole === 'guest') {
    const asker = { personId: person.id };
    if (request.admissionId === undefined) {
      const displayName = guestMeetingName(`${person.firstName} ${person.lastName}`);
      return knock(deps.store, { tenantId, roomId, displayName, asker }, ctx.now, (details) =>
        auditEntry(ctx, {
          tenantId,
          action: 'meeting.knock',
          targetType: 'room',
          targetId: roomId,
          outcome: 'success',
          details,
        }),
      );
    }
    const answer = await admissionAnswer(deps.store, request.admissionId, asker, ctx.now);
    if (answer.state === 'waiting') {
      return { state: 'waiting', admissionId: answer.admission.id, displayName: answer.admission.displayName };
    }
  }
  const moderator = allow(ctx.actor, 'meeting.moderate', meetingResource(m));
  const { publish } = meetingGrantOf(m.myRole);
  const roomName = await deps.store.transaction((tx) => heldMeeting(tx, roomId, tokens.provider, ctx.now));
  const token = await tokens.mint({
    roomName,
    // A room guest is marked as one in the meeting, as a link guest is.
    user: {
      id: person.id,
      name:
        m.myRole === 'guest'
          ? guestMeetingName(`${person.firstName} ${person.lastName}`)
          : `${person.firstName} ${person.lastName}`,
      email: person.email,
    },
    moderator,
    publish,
    recording: moderator && m.policy.recording,
    lobbyBypass: true,
    now: ctx.now,
  });
  return {
    provider: tokens.provider,
    domain: tokens.domain,
    roomName,
    jwt: token.jwt,
    expiresAt: token.expiresAt,
    moderator,
  };
}

/** The room's meeting, named the first time, as held on this video system from now on. */
export async function heldMeeting(
  tx: StoreTx,
  roomId: string,
  provider: MeetingProvider,
  now: number,
): Promise<string> {
  const roomName = await tx.meetings.ensureRoomName(roomId, newMeetingRoomName(), now);
  await tx.meetings.heldOn(roomId, provider);
  return roomName;
}

function queueNotice(tx: StoreTx, roomId: string, notice: ChatNotice): Promise<string> {
  return tx.outbox.enqueue({ kind: jobKinds.roomNotice, payload: { roomId, ...notice, txnId: randomUUID() } });
}

type AuditFields = Omit<NewAudit, 'actorId' | 'actorName' | 'requestId'>;

/** One person's arrival in or departure from a room's meeting, and who answers for the report. */
interface PresenceChange {
  tenantId: string;
  roomId: string;
  personId: string;
  now: number;
  audit: (entry: AuditFields) => NewAudit;
}

/** The person is in the meeting; the first one starts it, with a notice into the chat. */
async function markPresent(tx: StoreTx, change: PresenceChange, name: string): Promise<void> {
  const { tenantId, roomId, personId, now } = change;
  const running = (await tx.meetings.startedAt(roomId)) !== null;
  await tx.meetings.putPresent(roomId, personId, name, now);
  // The room list and the meeting tab show who is in it: each arrival is news.
  await notifyMembers(tx, tenantId, roomId);
  if (running) return;
  await tx.meetings.setStartedAt(roomId, now);
  await queueNotice(tx, roomId, meetingNotice.started(roomId, personId));
  await tx.audit.append(
    change.audit({ tenantId, action: 'meeting.start', targetType: 'room', targetId: roomId, outcome: 'success' }),
  );
}

/** The person has left; the last one ends the meeting, with a notice naming who took part. */
async function markAbsent(tx: StoreTx, change: PresenceChange): Promise<void> {
  const { roomId, personId } = change;
  if (!(await tx.meetings.markLeft(roomId, personId))) return;
  const participants = await tx.meetings.participants(roomId);
  if (participants.some((p) => p.present)) {
    await notifyMembers(tx, change.tenantId, roomId);
    return;
  }
  await closeMeeting(
    tx,
    change,
    participants.map((p) => p.personId),
  );
}

/** The meeting is over: a notice naming who took part, the audit, and the members' lists hear it. */
async function closeMeeting(tx: StoreTx, change: PresenceChange, participantIds: string[]): Promise<void> {
  const { tenantId, roomId } = change;
  if ((await tx.meetings.startedAt(roomId)) === null) return;
  await tx.meetings.clearParticipants(roomId);
  await tx.meetings.setStartedAt(roomId, null);
  await queueNotice(tx, roomId, meetingNotice.ended(roomId, participantIds));
  await tx.audit.append(
    change.audit({
      tenantId,
      action: 'meeting.end',
      targetType: 'room',
      targetId: roomId,
      outcome: 'success',
      details: { participants: participantIds.length },
    }),
  );
  await notifyMembers(tx, tenantId, roomId);
}

/**
 * A member's client says it joined or left the room's meeting. The first to
 * join starts the meeting, the last to leave ends it; each posts a notice into
 * the room's chat through the outbox, so a homeserver that is down only
 * delays it.
 */
export async function recordMeetingEvent(
  deps: MeetingDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  kind: 'joined' | 'left',
): Promise<void> {
  const { store } = deps;
  const m = await loadMeeting(store, ctx, tenantId, roomId);
  const me = ctx.actor.userId;
  const audit = (entry: AuditFields) => auditEntry(ctx, entry);
  if (kind === 'joined') {
    requireTokens(deps.tokens);
    await authorizeMeeting(store, ctx, 'meeting.join', m, true);
    const person = await activeSelf(store, ctx);
    const name = `${person.firstName} ${person.lastName}`;
    await store.transaction(async (tx) => {
      await tx.meetings.ensureRoomName(roomId, newMeetingRoomName(), ctx.now);
      await markPresent(tx, { tenantId, roomId, personId: person.id, now: ctx.now, audit }, name);
    });
    return;
  }
  // Leaving needs no rights: whoever is marked present may say they are gone.
  if (!me) return;
  await store.transaction((tx) => markAbsent(tx, { tenantId, roomId, personId: me, now: ctx.now, audit }));
}

/**
 * The video system reports, signed, that someone joined or left one of its rooms (LiveKit's
 * webhooks): the exact source of who is in a meeting, also when a browser closes without saying
 * so. Only active members of the room count; link guests and unknown rooms are left alone.
 */
export async function recordVideoSystemEvent(
  store: Store,
  event: VideoSystemEvent,
  now: number,
  requestId: string | null,
): Promise<void> {
  const roomId = await store.read.meetings.roomOfMeeting(event.roomName);
  const room = roomId === undefined ? undefined : await store.read.rooms.findById(roomId);
  if (!room) return;
  const person = await store.read.people.findById(event.identity);
  if (!person || person.status !== 'active' || person.tenantId !== room.tenantId) return;
  const change: PresenceChange = {
    tenantId: room.tenantId,
    roomId: room.id,
    personId: person.id,
    now,
    audit: (entry) => ({ actorId: null, actorName: 'LiveKit', requestId, ...entry }),
  };
  await store.transaction(async (tx) => {
    const member = (await tx.rooms.members(room.id)).some((m) => m.personId === person.id);
    if (!member) return;
    if (event.kind === 'joined') await markPresent(tx, change, `${person.firstName} ${person.lastName}`);
    else await markAbsent(tx, change);
  });
}

/**
 * A moderator ends the room's meeting for everyone: the workspace marks it over at once (with the
 * chat notice naming who took part), and the outbox ends it in the video system, which disconnects
 * everyone still in it (ADR 0046).
 */
export async function endMeeting(
  deps: MeetingDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<void> {
  const { store } = deps;
  const m = await loadMeeting(store, ctx, tenantId, roomId);
  requireTokens(deps.tokens);
  await authorizeMeeting(store, ctx, 'meeting.moderate', m, true);
  const audit = (entry: AuditFields) => auditEntry(ctx, entry);
  await store.transaction(async (tx) => {
    const participants = await tx.meetings.participants(roomId);
    const change = { tenantId, roomId, personId: actingPerson(ctx).id, now: ctx.now, audit };
    await closeMeeting(
      tx,
      change,
      participants.map((p) => p.personId),
    );
    await queueMeetingEnd(tx, roomId, ctx.now);
  });
}
