import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  checkedSchedule,
  invitationMail,
  invitationOf,
  isUpcoming,
  meetingReminder,
  reminderDue,
  scheduleLimits,
  type ScheduledMeeting,
} from './scheduledMeeting.js';

const now = Date.UTC(2026, 11, 6, 9, 0);
const hour = 3_600_000;

function refusal(run: () => unknown): { kind: string; field: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, field: error.details?.field };
    throw error;
  }
  throw new Error('not refused');
}

const meeting = (over: Partial<ScheduledMeeting> = {}): ScheduledMeeting => ({
  id: 'm1',
  tenantId: 't',
  roomId: 'r',
  title: 'Haushaltsrunde',
  agenda: null,
  startsAt: now + hour,
  durationMinutes: 60,
  sequence: 0,
  status: 'scheduled',
  createdBy: 'p',
  createdAt: now,
  updatedAt: now,
  remindedAt: null,
  ...over,
});

describe('planning a meeting', () => {
  it('keeps a valid plan, the title trimmed and an empty agenda as none', () => {
    expect(
      checkedSchedule({ title: '  Haushalt ', startsAt: now + hour, durationMinutes: 45, agenda: '  ' }, now),
    ).toEqual({
      title: 'Haushalt',
      startsAt: now + hour,
      durationMinutes: 45,
      agenda: null,
    });
  });

  it('wants a start in the future, and not more than two years ahead', () => {
    expect(refusal(() => checkedSchedule({ title: 'T', startsAt: now, durationMinutes: 30 }, now))).toEqual({
      kind: 'invalid',
      field: 'startsAt',
    });
    expect(refusal(() => checkedSchedule({ title: 'T', startsAt: now - 1, durationMinutes: 30 }, now)).field).toBe(
      'startsAt',
    );
    expect(
      refusal(() =>
        checkedSchedule({ title: 'T', startsAt: now + scheduleLimits.aheadMs + 1, durationMinutes: 30 }, now),
      ).field,
    ).toBe('startsAt');
    expect(checkedSchedule({ title: 'T', startsAt: now + 1, durationMinutes: 30 }, now).startsAt).toBe(now + 1);
  });

  it('takes whole minutes from 5 to 480', () => {
    for (const minutes of [4, 481, 30.5, Number.NaN]) {
      expect(
        refusal(() => checkedSchedule({ title: 'T', startsAt: now + hour, durationMinutes: minutes }, now)),
      ).toEqual({
        kind: 'invalid',
        field: 'durationMinutes',
      });
    }
    for (const minutes of [5, 480]) {
      expect(checkedSchedule({ title: 'T', startsAt: now + hour, durationMinutes: minutes }, now).durationMinutes).toBe(
        minutes,
      );
    }
  });

  it('wants a title of 1 to 200 characters and an agenda of at most 4000', () => {
    expect(refusal(() => checkedSchedule({ title: '   ', startsAt: now + hour, durationMinutes: 30 }, now)).field).toBe(
      'title',
    );
    expect(
      refusal(() => checkedSchedule({ title: 'x'.repeat(201), startsAt: now + hour, durationMinutes: 30 }, now)).field,
    ).toBe('title');
    expect(
      checkedSchedule({ title: 'ä'.repeat(200), startsAt: now + hour, durationMinutes: 30 }, now).title,
    ).toHaveLength(200);
    expect(
      refusal(() =>
        checkedSchedule({ title: 'T', startsAt: now + hour, durationMinutes: 30, agenda: 'a'.repeat(4001) }, now),
      ).field,
    ).toBe('agenda');
  });
});

describe('a planned meeting over time', () => {
  it('is listed until it ends, never once cancelled', () => {
    const m = meeting({ startsAt: now - 30 * 60_000, durationMinutes: 60 });
    expect(isUpcoming(m, now)).toBe(true);
    expect(isUpcoming(m, now + 30 * 60_000)).toBe(false);
    expect(isUpcoming(meeting({ status: 'cancelled' }), now)).toBe(false);
  });

  it('reminds the chat once, in the ten minutes before the start', () => {
    const m = meeting();
    expect(reminderDue(m, m.startsAt - 11 * 60_000)).toBe(false);
    expect(reminderDue(m, m.startsAt - 10 * 60_000)).toBe(true);
    expect(reminderDue(m, m.startsAt - 1)).toBe(true);
    expect(reminderDue(m, m.startsAt)).toBe(false);
    expect(reminderDue({ ...m, remindedAt: m.startsAt - 5 * 60_000 }, m.startsAt - 60_000)).toBe(false);
    expect(reminderDue({ ...m, status: 'cancelled' }, m.startsAt - 60_000)).toBe(false);
  });

  it('names the title and the start in German time in the reminder', () => {
    // 10:00 UTC in December is 11:00 in Berlin.
    expect(meetingReminder(meeting({ startsAt: Date.UTC(2026, 11, 7, 10, 0) })).body).toBe(
      'Erinnerung: Die Besprechung „Haushaltsrunde“ beginnt um 11:00 Uhr.',
    );
  });

  it('is invited to, updated and cancelled under one UID with a rising sequence', () => {
    const facts = {
      host: 'arbeitsbereich.example',
      url: 'https://arbeitsbereich.example/rooms/r',
      organizer: { name: 'Bernd Beispiel', email: 'bernd@example.org' },
      attendee: null,
    };
    const first = invitationOf(meeting(), facts);
    const changed = invitationOf(meeting({ sequence: 1, durationMinutes: 90 }), facts);
    const cancelled = invitationOf(meeting({ sequence: 2, status: 'cancelled' }), facts);
    expect(first).toMatchObject({ uid: 'm1@arbeitsbereich.example', sequence: 0, method: 'REQUEST' });
    expect(changed).toMatchObject({ uid: first.uid, sequence: 1, method: 'REQUEST', endsAt: now + hour + 90 * 60_000 });
    expect(cancelled).toMatchObject({ uid: first.uid, sequence: 2, method: 'CANCEL' });
  });

  it('writes the mail in the person’s language and says what happened', () => {
    const facts = { firstName: 'Amelie', roomName: 'Haushalt', url: 'https://x/rooms/r' };
    expect(invitationMail('de', meeting(), facts).subject).toMatch(/^Einladung: Haushaltsrunde/);
    expect(invitationMail('de', meeting({ sequence: 1 }), facts).subject).toMatch(/^Geändert: /);
    expect(invitationMail('en', meeting({ sequence: 2, status: 'cancelled' }), facts).subject).toMatch(/^Cancelled: /);
    expect(invitationMail('de', meeting({ agenda: 'TOP 1' }), facts).text).toContain('Tagesordnung:\nTOP 1');
  });
});
