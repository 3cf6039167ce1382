import { describe, expect, it } from 'vitest';
import { checkGuestLinkDraft } from './guestLinkForm';

describe('the guest link form', () => {
  it('sends the trimmed name and the hours', () => {
    expect(checkGuestLinkDraft({ name: '  Frau Weber ', hours: '48' })).toEqual({
      ok: true,
      link: { name: 'Frau Weber', expiresInHours: 48 },
    });
  });

  it('takes one day when no hours are given', () => {
    expect(checkGuestLinkDraft({ name: 'Weber', hours: ' ' })).toEqual({
      ok: true,
      link: { name: 'Weber', expiresInHours: 24 },
    });
  });

  it('asks for a name and whole hours between 1 and 720', () => {
    expect(checkGuestLinkDraft({ name: ' ', hours: '0' })).toEqual({
      ok: false,
      problems: { name: 'nameMissing', hours: 'hoursInvalid' },
    });
    expect(checkGuestLinkDraft({ name: 'W', hours: '1.5' })).toMatchObject({ ok: false });
    expect(checkGuestLinkDraft({ name: 'W', hours: '721' })).toMatchObject({ ok: false });
    expect(checkGuestLinkDraft({ name: 'W', hours: 'abc' })).toMatchObject({ ok: false });
    expect(checkGuestLinkDraft({ name: 'W', hours: '720' })).toMatchObject({ ok: true });
  });
});
