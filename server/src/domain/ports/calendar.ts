import type { CalendarInvitation } from '../scheduledMeeting.js';

/** Writes calendar files (RFC 5545 iCalendar) for the workspace's planned meetings (ADR 0052). */
export interface CalendarFiles {
  /** The `.ics` text of one invitation, update or cancellation. */
  invitation(invitation: CalendarInvitation): string;
}
