import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarFiles } from '../../domain/ports/calendar.js';
import type { CalendarInvitation } from '../../domain/scheduledMeeting.js';

/**
 * Calendar files with ical-generator (ADR 0052): it writes the properties, escapes the text and
 * folds long lines as RFC 5545 says. Times are in UTC; the client shows them in the reader's zone.
 */
export class IcalCalendarFiles implements CalendarFiles {
  constructor(private readonly productName: string) {}

  invitation(invitation: CalendarInvitation): string {
    const cancelled = invitation.method === 'CANCEL';
    const calendar = ical({
      prodId: { company: 'Arbeitsbereich', product: this.productName, language: 'DE' },
      method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    });
    const event = calendar.createEvent({
      id: invitation.uid,
      sequence: invitation.sequence,
      start: new Date(invitation.startsAt),
      end: new Date(invitation.endsAt),
      stamp: new Date(invitation.stamp),
      summary: invitation.title,
      description: invitation.description,
      location: invitation.url,
      url: invitation.url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: invitation.organizer.name, email: invitation.organizer.email },
    });
    if (invitation.attendee) {
      event.createAttendee({
        name: invitation.attendee.name,
        email: invitation.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      });
    }
    return calendar.toString();
  }
}
