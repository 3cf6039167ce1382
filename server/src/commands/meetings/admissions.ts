import { randomUUID } from 'node:crypto';
import { DomainError, gone, notFound } from '../../domain/errors.js';
import { admissionLimits, admissionStateAt, type MeetingAdmission } from '../../domain/meeting.js';
import type { NewAudit, Store } from '../../domain/ports/store.js';
import { actingPerson, auditEntry, type CommandContext } from '../context.js';
import { authorizeMeeting, loadMeeting } from './loadMeeting.js';
import { notifyMembers } from '../roomSignals.js';

/*
 * The meeting's waiting room (ADR 0051): a guest — one who came by a guest link, or a room guest —
 * asks to enter; the room's owners and moderators see the request live and let the guest in or
 * turn them away; only an admitted guest is given a token.
 */

/** A guest's request that waits for a moderator: the guest asks again with its id. */
export interface Waiting {
  state: 'waiting';
  admissionId: string;
  displayName: string;
}

export const isWaiting = (answer: object): answer is Waiting => 'state' in answer && answer.state === 'waiting';

/** Who asks to enter: by a guest link, or as a guest of the room. */
export type Asker = { linkId: string; personId?: never } | { personId: string; linkId?: never };

/**
 * Puts a guest's request before the room's moderators and tells them at once; a room guest who
 * asks again while their request still waits finds that one, never a second.
 */
export async function knock(
  store: Store,
  request: { tenantId: string; roomId: string; displayName: string; asker: Asker },
  now: number,
  audit: (details: Record<string, unknown>) => NewAudit,
): Promise<Waiting> {
  const { tenantId, roomId, displayName, asker } = request;
  return store.transaction(async (tx) => {
    if (asker.personId !== undefined) {
      const own = await tx.meetings.waitingAdmissionOf(roomId, asker.personId, now - admissionLimits.unseenMs);
      if (own && admissionStateAt(own, now) === 'waiting') {
        await tx.meetings.touchAdmission(own.id, now);
        return { state: 'waiting', admissionId: own.id, displayName: own.displayName };
      }
    }
    const admission: MeetingAdmission = {
      id: randomUUID(),
      tenantId,
      roomId,
      linkId: asker.linkId ?? null,
      personId: asker.personId ?? null,
      displayName,
      state: 'waiting',
      createdAt: now,
      seenAt: now,
      decidedAt: null,
      decidedBy: null,
    };
    await tx.meetings.insertAdmission(admission);
    await tx.audit.append(audit({ admissionId: admission.id }));
    await notifyMembers(tx, tenantId, roomId);
    return { state: 'waiting', admissionId: admission.id, displayName };
  });
}

const askedBy = (admission: MeetingAdmission, asker: Asker): boolean =>
  asker.linkId !== undefined ? admission.linkId === asker.linkId : admission.personId === asker.personId;

/**
 * Where a guest's earlier request stands, asked by the guest it belongs to: still waiting (noted
 * as asked), or let in. A refusal and a lapsed request are refused with their own problem types.
 */
export async function admissionAnswer(
  store: Store,
  admissionId: string,
  asker: Asker,
  now: number,
): Promise<{ state: 'waiting' | 'admitted'; admission: MeetingAdmission }> {
  const admission = await store.read.meetings.admission(admissionId);
  // Another guest's request is as unknown as one that never was.
  if (!admission || !askedBy(admission, asker)) throw notFound('Admission');
  const state = admissionStateAt(admission, now);
  // A request the guest withdrew is over as one that lapsed: asking anew knocks again.
  if (state === 'lapsed' || state === 'withdrawn')
    throw gone('Ihre Anfrage ist abgelaufen. Bitte fragen Sie erneut an.', 'admission-lapsed');
  if (state === 'declined') {
    throw new DomainError(
      'forbidden',
      'Sie wurden nicht in die Besprechung eingelassen.',
      undefined,
      'admission-declined',
    );
  }
  // Noted as asked at most every ten seconds; a held question asks once a second.
  if (state === 'waiting' && now - admission.seenAt >= SEEN_EVERY_MS) {
    await store.transaction((tx) => tx.meetings.touchAdmission(admission.id, now));
  }
  return { state, admission };
}

/** How often a waiting guest's questions are noted (well within `admissionLimits.unseenMs`). */
const SEEN_EVERY_MS = 10_000;

/** How long a waiting guest's question may be held open, and how often the request is looked at meanwhile. */
export interface Hold {
  clock: () => number;
  /** How long to hold; a first knock (no request named yet) is always answered at once. */
  waitMs: number;
  stepMs: number;
  /** The guest went away: stop holding. */
  signal?: AbortSignal;
}

/**
 * Asks, and while the answer is "waiting" asks again every `stepMs` until `waitMs` has passed (a
 * long poll: a guest has no socket, ADR 0051).
 */
export async function holdWhileWaiting<E extends object>(
  ask: (now: number) => Promise<E>,
  question: { admissionId?: string | undefined },
  hold: Hold,
): Promise<E> {
  const until = hold.clock() + (question.admissionId === undefined ? 0 : hold.waitMs);
  let answer = await ask(hold.clock());
  while (isWaiting(answer) && hold.clock() + hold.stepMs <= until && hold.signal?.aborted !== true) {
    await new Promise((resolve) => setTimeout(resolve, hold.stepMs));
    answer = await ask(hold.clock());
  }
  return answer;
}

const decided = () =>
  new DomainError(
    'conflict',
    'Über diese Anfrage ist schon entschieden, oder sie ist abgelaufen.',
    undefined,
    'admission-decided',
  );

/** A moderator of the room lets a waiting guest in, or turns them away (audited; the moderators hear of it live). */
export async function decideAdmission(
  deps: { store: Store },
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  admissionId: string,
  admit: boolean,
): Promise<void> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'meeting.moderate', m, true);
  const admission = await deps.store.read.meetings.admission(admissionId);
  if (!admission || admission.roomId !== roomId) throw notFound('Admission');
  if (admissionStateAt(admission, ctx.now) !== 'waiting') throw decided();
  const state = admit ? 'admitted' : 'declined';
  await deps.store.transaction(async (tx) => {
    if (!(await tx.meetings.decideAdmission(admissionId, state, actingPerson(ctx).id, ctx.now))) throw decided();
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: admit ? 'meeting.admit' : 'meeting.decline',
        targetType: 'room',
        targetId: roomId,
        outcome: 'success',
        details: {
          admissionId,
          name: admission.displayName,
          ...(admission.linkId !== null ? { linkId: admission.linkId } : { personId: admission.personId }),
        },
      }),
    );
    await notifyMembers(tx, tenantId, roomId);
  });
}

/**
 * The guest who asked stops waiting (ADR 0051): the request is withdrawn at once, audited, and the
 * moderators' list loses it live. A request that is over already (withdrawn or lapsed) stays so;
 * one a moderator has answered cannot be withdrawn any more. Another guest's request, or one of
 * another room, is unknown.
 */
export async function withdrawAdmission(
  store: Store,
  request: { roomId: string; admissionId: string; asker: Asker },
  now: number,
  audit: (details: Record<string, unknown>) => NewAudit,
): Promise<void> {
  const { roomId, admissionId, asker } = request;
  const admission = await store.read.meetings.admission(admissionId);
  if (!admission || admission.roomId !== roomId || !askedBy(admission, asker)) throw notFound('Admission');
  const state = admissionStateAt(admission, now);
  if (state === 'withdrawn' || state === 'lapsed') return;
  if (state !== 'waiting') throw decided();
  await store.transaction(async (tx) => {
    if (!(await tx.meetings.withdrawAdmission(admissionId, now))) throw decided();
    await tx.audit.append(audit({ admissionId, name: admission.displayName }));
    await notifyMembers(tx, admission.tenantId, roomId);
  });
}

/** A guest of the room stops waiting: only their own request; a moderator answers the others' instead. */
export async function withdrawOwnAdmission(
  deps: { store: Store },
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  admissionId: string,
): Promise<void> {
  const m = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'meeting.join', m, false);
  const me = actingPerson(ctx).id;
  const admission = await deps.store.read.meetings.admission(admissionId);
  if (admission && admission.roomId === roomId && admission.personId !== me) {
    throw new DomainError('forbidden', 'Nur wer gefragt hat, zieht die Anfrage zurück.');
  }
  await withdrawAdmission(deps.store, { roomId, admissionId, asker: { personId: me } }, ctx.now, (details) =>
    auditEntry(ctx, {
      tenantId,
      action: 'meeting.withdraw',
      targetType: 'room',
      targetId: roomId,
      outcome: 'success',
      details: { ...details, personId: me },
    }),
  );
}

/** The room's guests waiting to enter now, oldest first (for its moderators). */
export async function waitingGuests(store: Store, roomId: string, now: number): Promise<MeetingAdmission[]> {
  const asking = await store.read.meetings.waitingAdmissions(roomId, now - admissionLimits.unseenMs);
  return asking.filter((a) => admissionStateAt(a, now) === 'waiting');
}
