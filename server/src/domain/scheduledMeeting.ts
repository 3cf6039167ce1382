import { invalid } from './errors.js';
import type { ChatNotice } from './meeting.js';
import type { PersonLocale } from './person.js';

/**
 * A meeting planned in a room (ADR 0052): a title, a start, a length and an optional agenda. Each
 * change raises its `sequence`, so the calendar invitations that went out before are replaced, not
 * doubled; a cancelled meeting stays, cancelled, so its cancellation can be sent and downloaded.
 */
export interface ScheduledMeeting {
  id: string;
  tenantId: string;
  roomId: string;
  title: string;
  agenda: string | null;
  startsAt: number;
  durationMinutes: number;
  /** 0 when scheduled; one more with every change and with the cancellation (RFC 5545 SEQUENCE). */
  sequence: number;
  status: 'scheduled' | 'cancelled';
  /** Who planned it: the calendar invitations' organizer. */
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** When the room's chat was reminded of this start; null until then (reset when the start moves). */
  remindedAt: number | null;
}

/** What someone allowed to schedule gives: checked by `checkedSchedule`. */
export interface ScheduleInput {
  title: string;
  startsAt: number;
  durationMinutes: number;
  agenda?: string | null | undefined;
}

export const scheduleLimits = {
  titleMax: 200,
  agendaMax: 4000,
  /** Minutes. */
  durationMin: 5,
  durationMax: 8 * 60,
  /** How far ahead a meeting may be planned. */
  aheadMs: 2 * 365 * 24 * 3_600_000,
  /** How long before the start the room's chat is reminded. */
  reminderBeforeMs: 10 * 60_000,
} as const;

/**
 * The input as it is stored, or a refusal naming the field: a title of 1 to 200 characters (after
 * trimming), a start in the future (and not more than two years ahead), a whole number of minutes
 * from 5 to 480, an agenda of at most 4000 characters (empty means none).
 */
export function checkedSchedule(input: ScheduleInput, now: number): Required<ScheduleInput> {
  const title = input.title.trim();
  if (title.length === 0 || title.length > scheduleLimits.titleMax) {
    throw invalid(`title must be 1 to ${scheduleLimits.titleMax} characters`, { field: 'title' });
  }
  if (!Number.isFinite(input.startsAt) || input.startsAt <= now) {
    throw invalid('startsAt must be in the future', { field: 'startsAt' });
  }
  if (input.startsAt > now + scheduleLimits.aheadMs) {
    throw invalid('startsAt is too far ahead (two years at most)', { field: 'startsAt' });
  }
  const minutes = input.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < scheduleLimits.durationMin || minutes > scheduleLimits.durationMax) {
    throw invalid(`durationMinutes must be ${scheduleLimits.durationMin} to ${scheduleLimits.durationMax}`, {
      field: 'durationMinutes',
    });
  }
  const agenda = input.agenda?.trim() ?? '';
  if (agenda.length > scheduleLimits.agendaMax) {
    throw invalid(`agenda must be at most ${scheduleLimits.agendaMax} characters`, { field: 'agenda' });
  }
  return { title, startsAt: input.startsAt, durationMinutes: minutes, agenda: agenda === '' ? null : agenda };
}

export const endOf = (m: Pick<ScheduledMeeting, 'startsAt' | 'durationMinutes'>): number =>
  m.startsAt + m.durationMinutes * 60_000;

/** Whether the meeting is still to come or running: the room lists it. */
export const isUpcoming = (m: ScheduledMeeting, now: number): boolean => m.status === 'scheduled' && endOf(m) > now;

/** Whether the room's chat is to be reminded now: not yet reminded, in the last minutes before the start. */
export const reminderDue = (m: ScheduledMeeting, now: number): boolean =>
  m.status === 'scheduled' &&
  m.remindedAt === null &&
  now >= m.startsAt - scheduleLimits.reminderBeforeMs &&
  now < m.startsAt;

/** The start, as people of the agency read it: in German time. */
function clock(at: number, locale: PersonLocale, withDate: boolean): string {
  return new Date(at).toLocaleString(locale === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: 'Europe/Berlin',
    ...(withDate ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The room chat's reminder shortly before the start (posted by the workspace, unencrypted, naming nobody). */
export function meetingReminder(m: ScheduledMeeting): ChatNotice {
  return {
    body: `Erinnerung: Die Besprechung „${m.title}“ beginnt um ${clock(m.startsAt, 'de', false)} Uhr.`,
    fields: {},
  };
}

/** What a calendar file holds: one meeting, as REQUEST (planned or changed) or CANCEL (RFC 5546). */
export interface CalendarInvitation {
  /** Stable for the meeting across every change. */
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  title: string;
  description: string | null;
  startsAt: number;
  endsAt: number;
  /** When this version was written (DTSTAMP). */
  stamp: number;
  /** Where the meeting takes place: the room's page in the workspace. */
  url: string;
  organizer: { name: string; email: string };
  /** Who the copy is for (each copy names its own recipient only). */
  attendee: { name: string; email: string } | null;
}

/** The invitation of a meeting as it stands, for one recipient. */
export function invitationOf(
  m: ScheduledMeeting,
  facts: {
    host: string;
    url: string;
    organizer: { name: string; email: string };
    attendee: CalendarInvitation['attendee'];
  },
): CalendarInvitation {
  return {
    uid: `${m.id}@${facts.host}`,
    sequence: m.sequence,
    method: m.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    title: m.title,
    description: m.agenda,
    startsAt: m.startsAt,
    endsAt: endOf(m),
    stamp: m.updatedAt,
    url: facts.url,
    organizer: facts.organizer,
    attendee: facts.attendee,
  };
}

/** The mail that carries an invitation, an update or a cancellation, in the person's language. */
export function invitationMail(
  locale: PersonLocale,
  m: ScheduledMeeting,
  facts: { firstName: string; roomName: string; url: string },
): { subject: string; text: string } {
  const when = clock(m.startsAt, locale, true);
  const cancelled = m.status === 'cancelled';
  const changed = m.sequence > 0;
  if (locale === 'en') {
    const what = cancelled ? 'Cancelled' : changed ? 'Changed' : 'Invitation';
    return {
      subject: `${what}: ${m.title} (${when})`,
      text: [
        `Hello ${facts.firstName},`,
        '',
        cancelled
          ? `the meeting "${m.title}" in the room "${facts.roomName}" on ${when} is cancelled.`
          : `${changed ? 'the meeting has changed' : 'you are invited to a meeting'} in the room "${facts.roomName}": "${m.title}", ${when} (Berlin time), ${m.durationMinutes} minutes.`,
        ...(m.agenda && !cancelled ? ['', 'Agenda:', m.agenda] : []),
        '',
        `The room: ${facts.url}`,
        '',
        'The calendar entry is attached. You can turn these notices off on the start page of the workspace.',
      ].join('\n'),
    };
  }
  const what = cancelled ? 'Abgesagt' : changed ? 'Geändert' : 'Einladung';
  return {
    subject: `${what}: ${m.title} (${when})`,
    text: [
      `Guten Tag ${facts.firstName},`,
      '',
      cancelled
        ? `die Besprechung „${m.title}“ im Raum „${facts.roomName}“ am ${when} Uhr ist abgesagt.`
        : `${changed ? 'die Besprechung wurde geändert' : 'Sie sind zu einer Besprechung eingeladen'} im Raum „${facts.roomName}“: „${m.title}“, ${when} Uhr, ${m.durationMinutes} Minuten.`,
      ...(m.agenda && !cancelled ? ['', 'Tagesordnung:', m.agenda] : []),
      '',
      `Zum Raum: ${facts.url}`,
      '',
      'Der Kalendereintrag ist angehängt. Diese Benachrichtigungen können Sie auf der Startseite des Arbeitsbereichs abschalten.',
    ].join('\n'),
  };
}
