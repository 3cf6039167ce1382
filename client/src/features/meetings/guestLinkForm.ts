import { guestLinkHours } from '@arbeitsbereich/contract';

/** A guest link is valid for one day unless the moderator says otherwise. */
export const DEFAULT_VALIDITY_HOURS = guestLinkHours.default;
/** The longest validity offered: thirty days. */
export const MAX_VALIDITY_HOURS = guestLinkHours.max;

export interface GuestLinkDraft {
  name: string;
  hours: string;
}

export type GuestLinkDraftProblem = 'nameMissing' | 'hoursInvalid';

export type CheckedGuestLink =
  | { ok: true; link: { name: string; expiresInHours: number } }
  | { ok: false; problems: Partial<Record<'name' | 'hours', GuestLinkDraftProblem>> };

/** Checks the form before it is sent: a name, and whole hours between 1 and 720. */
export function checkGuestLinkDraft(draft: GuestLinkDraft): CheckedGuestLink {
  const name = draft.name.trim();
  const hoursText = draft.hours.trim();
  const hours = hoursText === '' ? DEFAULT_VALIDITY_HOURS : Number(hoursText);
  const problems: Partial<Record<'name' | 'hours', GuestLinkDraftProblem>> = {};
  if (name === '') problems.name = 'nameMissing';
  if (!Number.isInteger(hours) || hours < guestLinkHours.min || hours > MAX_VALIDITY_HOURS)
    problems.hours = 'hoursInvalid';
  if (problems.name || problems.hours) return { ok: false, problems };
  return { ok: true, link: { name, expiresInHours: hours } };
}
