import type { ScheduledMeeting, ScheduledMeetingInput } from '@arbeitsbereich/contract';

/** The lengths offered, in minutes. */
export const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240] as const;

/** What the form holds: the start as the browser's `datetime-local` value (local time). */
export interface ScheduleDraft {
  title: string;
  start: string;
  duration: string;
  agenda: string;
}

export type ScheduleDraftField = 'title' | 'start';

export type CheckedSchedule =
  | { ok: true; meeting: ScheduledMeetingInput }
  | { ok: false; problems: Partial<Record<ScheduleDraftField, 'missing' | 'past' | 'tooLong'>> };

const pad = (n: number): string => String(n).padStart(2, '0');

/** A time as a `datetime-local` value, in the browser's zone. */
export function localInputValue(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A new meeting's draft: tomorrow at ten, an hour long. */
export function newDraft(now: Date): ScheduleDraft {
  const start = new Date(now);
  start.setDate(start.getDate() + 1);
  start.setHours(10, 0, 0, 0);
  return { title: '', start: localInputValue(start), duration: '60', agenda: '' };
}

/** The draft of a planned meeting, to change it. */
export function draftOf(m: ScheduledMeeting): ScheduleDraft {
  return {
    title: m.title,
    start: localInputValue(new Date(m.startsAt)),
    duration: String(m.durationMinutes),
    agenda: m.agenda ?? '',
  };
}

/** Checks the form before it is sent (the server checks again): a title, a start in the future. */
export function checkScheduleDraft(draft: ScheduleDraft, now: Date): CheckedSchedule {
  const title = draft.title.trim();
  const start = draft.start === '' ? Number.NaN : new Date(draft.start).getTime();
  const problems: Partial<Record<ScheduleDraftField, 'missing' | 'past' | 'tooLong'>> = {};
  if (title === '') problems.title = 'missing';
  else if (title.length > 200) problems.title = 'tooLong';
  if (Number.isNaN(start)) problems.start = 'missing';
  else if (start <= now.getTime()) problems.start = 'past';
  if (problems.title || problems.start) return { ok: false, problems };
  const agenda = draft.agenda.trim();
  return {
    ok: true,
    meeting: {
      title,
      startsAt: new Date(start).toISOString(),
      durationMinutes: Number(draft.duration),
      agenda: agenda === '' ? null : agenda,
    },
  };
}
