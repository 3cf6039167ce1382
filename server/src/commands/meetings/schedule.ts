import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../domain/errors.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import type { CalendarFiles } from '../../domain/ports/calendar.js';
import type { Store, StoreTx } from '../../domain/ports/store.js';
import type { Person } from '../../domain/person.js';
import {
  checkedSchedule,
  invitationOf,
  type CalendarInvitation,
  isUpcoming,
  type ScheduledMeeting,
  type ScheduleInput,
} from '../../domain/scheduledMeeting.js';
import { actingPerson, auditEntry, type CommandContext } from '../context.js';
import { notifyMembers } from '../roomSignals.js';
import { authorizeMeeting, loadMeeting } from './loadMeeting.js';

/*
 * Meetings planned in a room (ADR 0052): the room's owners and moderators plan, change and cancel
 * them (`meeting.schedule` of the role table); everyone who may join sees them and downloads the
 * calendar file; each member is sent the invitation, the update or the cancellation by e-mail
 * through the outbox, as their notice setting allows.
 */

export interface ScheduleDeps {
  store: Store;
  calendar: CalendarFiles;
  /** PUBLIC_URL: the room's page is where the meeting takes place; its host names the invitations. */
  publicUrl: string;
}

/** The room's page, where its meeting is joined. */
export const roomPageOf = (publicUrl: string, roomId: string): string =>
  `${publicUrl}/rooms/${encodeURIComponent(roomId)}`;

const named = (p: Person) => ({ name: `${p.firstName} ${p.lastName}`, email: p.email });

/** The meeting's invitation as it stands, planned by `organizer`, for `attendee` (the one copy's reader). */
export function invitationFor(
  publicUrl: string,
  m: ScheduledMeeting,
  organizer: Person,
  attendee: Person | undefined,
): CalendarInvitation {
  return invitationOf(m, {
    host: new URL(publicUrl).host,
    url: roomPageOf(publicUrl, m.roomId),
    organizer: named(organizer),
    attendee: attendee ? named(attendee) : null,
  });
}

/** One mail per member of the room, of this version of the meeting (a later version's mail replaces it). */
async function queueInvitations(tx: StoreTx, m: ScheduledMeeting): Promise<void> {
  for (const member of await tx.rooms.members(m.roomId)) {
    await tx.outbox.enqueue({
      kind: jobKinds.mailNotice,
      payload: { personId: member.personId, kind: 'meeting.invitation', meetingId: m.id, sequence: m.sequence },
      dedupeKey: `meeting:${m.id}:${m.sequence}:person:${member.personId}`,
    });
  }
}

async function loadScheduled(store: Store, roomId: string, meetingId: string): Promise<ScheduledMeeting> {
  const m = await store.read.schedule.find(meetingId);
  // Another room's meeting is as unknown here as one that never was.
  if (!m || m.roomId !== roomId) throw notFound('Scheduled meeting');
  return m;
}

const changedMeanwhile = () => conflict('Die Besprechung wurde gerade geändert. Bitte laden Sie sie neu.');

/** Only the room's owners and moderators plan, change and cancel (a refusal is audited). */
async function authorizeSchedule(deps: ScheduleDeps, ctx: CommandContext, tenantId: string, roomId: string) {
  const loaded = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'meeting.schedule', loaded, true);
}

/**
 * Writes a version of the meeting (`write` stores it) with what follows every version: a mail to
 * each member, the audit entry, the live signal to the room.
 */
async function commitVersion(
  deps: ScheduleDeps,
  ctx: CommandContext,
  m: ScheduledMeeting,
  action: 'meeting.schedule' | 'meeting.reschedule' | 'meeting.cancel',
  write: (tx: StoreTx) => Promise<void>,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await write(tx);
    await queueInvitations(tx, m);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId: m.tenantId,
        action,
        targetType: 'room',
        targetId: m.roomId,
        outcome: 'success',
        details: {
          meetingId: m.id,
          title: m.title,
          startsAt: new Date(m.startsAt).toISOString(),
          sequence: m.sequence,
        },
      }),
    );
    await notifyMembers(tx, m.tenantId, m.roomId);
  });
}

/** Plans a meeting in the room: sequence 0, sent to every member as an invitation. */
export async function scheduleMeeting(
  deps: ScheduleDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  input: ScheduleInput,
): Promise<ScheduledMeeting> {
  await authorizeSchedule(deps, ctx, tenantId, roomId);
  const m: ScheduledMeeting = {
    id: randomUUID(),
    tenantId,
    roomId,
    ...checkedSchedule(input, ctx.now),
    sequence: 0,
    status: 'scheduled',
    createdBy: actingPerson(ctx).id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    remindedAt: null,
  };
  await commitVersion(deps, ctx, m, 'meeting.schedule', (tx) => tx.schedule.insert(m));
  return m;
}

/** Changes a planned meeting: the next sequence, sent to every member as an update. */
export async function rescheduleMeeting(
  deps: ScheduleDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  meetingId: string,
  input: ScheduleInput,
): Promise<ScheduledMeeting> {
  await authorizeSchedule(deps, ctx, tenantId, roomId);
  const before = await loadScheduled(deps.store, roomId, meetingId);
  if (!isUpcoming(before, ctx.now)) throw conflict('Die Besprechung ist abgesagt oder vorbei.');
  const checked = checkedSchedule(input, ctx.now);
  const after: ScheduledMeeting = {
    ...before,
    ...checked,
    sequence: before.sequence + 1,
    updatedAt: ctx.now,
    // A new start is reminded of anew.
    remindedAt: checked.startsAt === before.startsAt ? before.remindedAt : null,
  };
  await commitVersion(deps, ctx, after, 'meeting.reschedule', async (tx) => {
    if (!(await tx.schedule.change(meetingId, before.sequence, after))) throw changedMeanwhile();
  });
  return after;
}

/** Cancels a planned meeting: it leaves the room's list, and every member is sent the cancellation. */
export async function cancelMeeting(
  deps: ScheduleDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  meetingId: string,
): Promise<void> {
  await authorizeSchedule(deps, ctx, tenantId, roomId);
  const before = await loadScheduled(deps.store, roomId, meetingId);
  if (before.status === 'cancelled') return;
  const after: ScheduledMeeting = { ...before, status: 'cancelled', sequence: before.sequence + 1, updatedAt: ctx.now };
  await commitVersion(deps, ctx, after, 'meeting.cancel', async (tx) => {
    if (!(await tx.schedule.change(meetingId, before.sequence, after))) throw changedMeanwhile();
  });
}

/** The room's meetings still to come (or running now), by start: for everyone who may join its meeting. */
export async function listScheduledMeetings(
  deps: Pick<ScheduleDeps, 'store'>,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<ScheduledMeeting[]> {
  const loaded = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'meeting.join', loaded, false);
  return deps.store.read.schedule.endingAfter(roomId, ctx.now);
}

/**
 * A planned meeting's calendar file for the person who asks (everyone who may join): the
 * invitation as it stands, or its cancellation, naming the caller as its attendee.
 */
export async function calendarFileOf(
  deps: ScheduleDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  meetingId: string,
): Promise<{ fileName: string; text: string }> {
  const loaded = await loadMeeting(deps.store, ctx, tenantId, roomId);
  await authorizeMeeting(deps.store, ctx, 'meeting.join', loaded, false);
  const m = await loadScheduled(deps.store, roomId, meetingId);
  const [organizer, me] = await Promise.all([
    deps.store.read.people.findById(m.createdBy),
    deps.store.read.people.findById(actingPerson(ctx).id),
  ]);
  if (!organizer) throw notFound('Scheduled meeting');
  const text = deps.calendar.invitation(invitationFor(deps.publicUrl, m, organizer, me));
  return { fileName: `besprechung-${new Date(m.startsAt).toISOString().slice(0, 10)}.ics`, text };
}
