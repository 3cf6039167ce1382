import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { conflict, gone, invalid, notFound } from '../../domain/errors.js';
import {
  guestLinkHours,
  guestLinkState,
  guestIdentityPrefix,
  guestMeetingName,
  linkGuestGrant,
  type GuestLink,
  type GuestLinkState,
} from '../../domain/meeting.js';
import type { MeetingProvider } from '../../domain/ports/meetings.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext, actingPerson } from '../context.js';
import { heldMeeting, requireTokens, type MeetingDeps } from './meetingCommands.js';
import { admissionAnswer, knock, withdrawAdmission, type Waiting } from './admissions.js';
import { queueMeetingRemoval } from '../meetingControl.js';
import { authorizeMeeting, loadMeeting } from './loadMeeting.js';

export interface GuestLinkDeps extends MeetingDeps {
  /** PUBLIC_URL: links are `<publicUrl>/guest/<secret>`. */
  publicUrl: string;
  /** The server's key for links' secrets (derived from the session secret). */
  linkKey: string;
}

export interface GuestLinkView extends GuestLink {
  url: string;
  state: GuestLinkState;
}

/** The link's secret: 256 bits from its random salt and the server's key; only its SHA-256 hash is stored. */
const secretOf = (key: string, link: Pick<GuestLink, 'id' | 'tokenSalt'>): string =>
  createHmac('sha256', key).update(`guest-link:${link.id}:${link.tokenSalt}`).digest('base64url');
const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function view(deps: GuestLinkDeps, link: GuestLink, now: number): GuestLinkView {
  return {
    ...link,
    url: `${deps.publicUrl}/guest/${secretOf(deps.linkKey, link)}`,
    state: guestLinkState(link, now),
  };
}

export async function listGuestLinks(
  deps: GuestLinkDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<GuestLinkView[]> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'guestLink.manage', m, false);
  return (await deps.store.read.meetings.guestLinks(roomId)).map((l) => view(deps, l, ctx.now));
}

export async function createGuestLink(
  deps: GuestLinkDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  input: { name: string; expiresInHours?: number | undefined },
): Promise<GuestLinkView> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'guestLink.manage', m, true);
  // A link nobody could join by: without a video system the guest would only meet a refusal.
  requireTokens(deps.tokens);
  const hours = input.expiresInHours ?? guestLinkHours.default;
  if (!Number.isInteger(hours) || hours < guestLinkHours.min || hours > guestLinkHours.max) {
    throw invalid(`expiresInHours must be ${guestLinkHours.min} to ${guestLinkHours.max}`, { field: 'expiresInHours' });
  }
  const link: GuestLink = {
    id: randomUUID(),
    tenantId,
    roomId,
    name: input.name.trim(),
    createdBy: actingPerson(ctx).id,
    createdByName: actingPerson(ctx).name,
    createdAt: ctx.now,
    expiresAt: ctx.now + hours * 3_600_000,
    revokedAt: null,
    tokenSalt: randomBytes(16).toString('hex'),
  };
  await deps.store.transaction(async (tx) => {
    await tx.meetings.insertGuestLink({ ...link, tokenHash: hashOf(secretOf(deps.linkKey, link)) });
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'guestLink.create',
        targetType: 'room',
        targetId: roomId,
        outcome: 'success',
        details: { linkId: link.id, name: link.name, expiresAt: new Date(link.expiresAt).toISOString() },
      }),
    );
  });
  return view(deps, link, ctx.now);
}

export async function revokeGuestLink(
  deps: GuestLinkDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  linkId: string,
): Promise<void> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'guestLink.manage', m, true);
  const link = await deps.store.read.meetings.guestLink(linkId);
  if (!link || link.roomId !== roomId) throw notFound('Guest link');
  await deps.store.transaction(async (tx) => {
    await tx.meetings.revokeGuestLink(linkId, ctx.now);
    // Guests in the meeting by this link leave it.
    await queueMeetingRemoval(tx, roomId, { guestLinkId: linkId }, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'guestLink.revoke',
        targetType: 'room',
        targetId: roomId,
        outcome: 'success',
        details: { linkId, name: link.name },
      }),
    );
  });
}

/** The link behind a secret, if it can still be used; a clear answer if not. */
async function usableLink(store: Store, secret: string, now: number) {
  const link = await store.read.meetings.guestLinkByTokenHash(hashOf(secret));
  if (!link) throw notFound('Guest link');
  const state = guestLinkState(link, now);
  if (state === 'revoked') throw gone('Dieser Gastzugang wurde widerrufen.', 'guest-link-revoked');
  if (state === 'expired') throw gone('Dieser Gastzugang ist abgelaufen.', 'guest-link-expired');
  const [room, tenant, policy] = await Promise.all([
    store.read.rooms.findById(link.roomId),
    store.read.tenants.findById(link.tenantId),
    store.read.meetings.policy(link.tenantId),
  ]);
  if (!room || !tenant) throw notFound('Guest link');
  if (room.status === 'archived' || tenant.status === 'archived') {
    throw gone('Der Raum dieses Gastzugangs ist archiviert.', 'guest-link-expired');
  }
  if (!policy.meetings || !policy.guests) throw conflict('Gastzugänge sind für diese Behörde abgeschaltet.');
  return { link, room, tenant };
}

/** What a guest sees before joining: which room of which agency, for whom the link is, until when. */
export async function describeGuestLink(store: Store, secret: string, now: number) {
  const { link, room, tenant } = await usableLink(store, secret, now);
  return { roomTitle: room.name, tenantName: tenant.name, guestName: link.name, expiresAt: link.expiresAt };
}

/** What a link guest's knock answers: still waiting, or let in with the meeting's token. */
export type GuestEntry = Waiting | ({ state: 'admitted'; admissionId: string } & GuestTicket);

export interface GuestTicket {
  provider: MeetingProvider;
  domain: string;
  roomName: string;
  jwt: string;
  displayName: string;
  expiresAt: number;
}

/**
 * A link guest asks to enter the room's meeting (the waiting room, ADR 0051). The first call puts
 * the request before the room's moderators and answers "waiting"; the guest asks again with the
 * request's id until a moderator has let them in, and only then gets a token. A declined request
 * is refused; one nobody answered in time has lapsed, and the guest knocks anew.
 */
export async function joinAsGuest(
  deps: MeetingDeps,
  secret: string,
  input: { displayName: string; admissionId?: string | undefined },
  now: number,
  requestId: string | null,
): Promise<GuestEntry> {
  const { link } = await usableLink(deps.store, secret, now);
  const tokens = requireTokens(deps.tokens);
  const asker = { linkId: link.id };
  if (input.admissionId === undefined) {
    const displayName = guestMeetingName(input.displayName);
    return knock(deps.store, { tenantId: link.tenantId, roomId: link.roomId, displayName, asker }, now, (details) => ({
      actorId: null,
      actorName: displayName,
      requestId,
      tenantId: link.tenantId,
      action: 'guestLink.knock',
      targetType: 'room',
      targetId: link.roomId,
      outcome: 'success',
      details: { linkId: link.id, name: link.name, ...details },
    }));
  }
  const { state, admission } = await admissionAnswer(deps.store, input.admissionId, asker, now);
  if (state === 'waiting') return { state, admissionId: admission.id, displayName: admission.displayName };

  const roomName = await deps.store.transaction(async (tx) => {
    const name = await heldMeeting(tx, link.roomId, tokens.provider, now);
    await tx.audit.append({
      actorId: null,
      actorName: admission.displayName,
      requestId,
      tenantId: link.tenantId,
      action: 'guestLink.join',
      targetType: 'room',
      targetId: link.roomId,
      outcome: 'success',
      details: { linkId: link.id, name: link.name, admissionId: admission.id },
    });
    return name;
  });
  const token = await tokens.mint({
    roomName,
    user: { id: `${guestIdentityPrefix(link.id)}${randomBytes(4).toString('hex')}`, name: admission.displayName },
    moderator: linkGuestGrant.moderate,
    publish: linkGuestGrant.publish,
    recording: false,
    // Let in already, by a moderator of the room: Jitsi's own lobby would ask a second time.
    lobbyBypass: true,
    now,
  });
  return {
    state: 'admitted',
    admissionId: admission.id,
    provider: tokens.provider,
    domain: tokens.domain,
    roomName,
    jwt: token.jwt,
    displayName: admission.displayName,
    expiresAt: token.expiresAt,
  };
}

/** A link guest stops waiting (the page's "Nicht mehr warten"): their request is withdrawn at once (ADR 0051). */
export async function withdrawAsGuest(
  store: Store,
  secret: string,
  admissionId: string,
  now: number,
  requestId: string | null,
): Promise<void> {
  const { link } = await usableLink(store, secret, now);
  await withdrawAdmission(store, { roomId: link.roomId, admissionId, asker: { linkId: link.id } }, now, (details) => ({
    actorId: null,
    actorName: typeof details.name === 'string' ? details.name : link.name,
    requestId,
    tenantId: link.tenantId,
    action: 'meeting.withdraw',
    targetType: 'room',
    targetId: link.roomId,
    outcome: 'success',
    details: { linkId: link.id, ...details },
  }));
}
