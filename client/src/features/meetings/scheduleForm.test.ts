import { describe, expect, it } from 'vitest';
import { checkScheduleDraft, draftOf, localInputValue, newDraft } from './scheduleForm';

const now = new Date(2026, 11, 6, 9, 30);

describe('the form of a planned meeting', () => {
  it('offers tomorrow at ten for an hour', () => {
    expect(newDraft(now)).toEqual({ title: '', start: '2026-12-07T10:00', duration: '60', agenda: '' });
  });

  it('sends the title trimmed, the start in UTC, the length in minutes, an empty agenda as none', () => {
    const checked = checkScheduleDraft(
      { title: '  Haushalt  ', start: '2026-12-07T10:00', duration: '90', agenda: ' ' },
      now,
    );
    expect(checked).toEqual({
      ok: true,
      meeting: {
        title: 'Haushalt',
        startsAt: new Date(2026, 11, 7, 10, 0).toISOString(),
        durationMinutes: 90,
        agenda: null,
      },
    });
  });

  it('names what is missing or wrong', () => {
    expect(checkScheduleDraft({ title: ' ', start: '', duration: '60', agenda: '' }, now)).toEqual({
      ok: false,
      problems: { title: 'missing', start: 'missing' },
    });
    expect(
      checkScheduleDraft({ title: 'x'.repeat(201), start: '2026-12-06T09:00', duration: '60', agenda: '' }, now),
    ).toEqual({
      ok: false,
      problems: { title: 'tooLong', start: 'past' },
    });
  });

  it('reads a planned meeting back into the form in local time', () => {
    const startsAt = new Date(2026, 11, 8, 14, 15).toISOString();
    expect(
      draftOf({
        id: 'm',
        title: 'T',
        agenda: null,
        startsAt,
        endsAt: startsAt,
        durationMinutes: 30,
        sequence: 1,
        createdBy: 'B',
      }),
    ).toEqual({ title: 'T', start: localInputValue(new Date(startsAt)), duration: '30', agenda: '' });
  });
});
