import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarInvitation } from '../../domain/scheduledMeeting.js';
import { IcalCalendarFiles } from './icalCalendarFiles.js';

// The calendar file is read back with ical.js (Mozilla's parser, another library than the writer).
const invitation: CalendarInvitation = {
  uid: 'm1@arbeitsbereich.example',
  sequence: 0,
  method: 'REQUEST',
  title: 'Prüfung der Größenordnung; Änderungen, Übersicht',
  description: `Tagesordnung:\n1. Haushalt\n2. ${'Sehr lange Zeile mit Umlauten äöüß '.repeat(4)}`,
  startsAt: Date.UTC(2026, 11, 7, 10, 0),
  endsAt: Date.UTC(2026, 11, 7, 11, 30),
  stamp: Date.UTC(2026, 11, 6, 9, 0),
  url: 'https://arbeitsbereich.example/rooms/r1',
  organizer: { name: 'Bernd Beispiel', email: 'bernd@example.org' },
  attendee: { name: 'Amelie Admin', email: 'amelie@example.org' },
};

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, event };
}

describe('calendar files', () => {
  const files = new IcalCalendarFiles('Arbeitsbereich');

  it('write an invitation every calendar reads: UID, SEQUENCE, METHOD, times in UTC, umlauts, organizer, attendee', () => {
    const text = files.invitation(invitation);
    // RFC 5545: CRLF line ends, no line longer than 75 octets.
    expect(text).toContain('\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { calendar, event } = parsed(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('m1@arbeitsbereich.example');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('summary')).toBe(invitation.title);
    expect(event.getFirstPropertyValue('description')).toBe(invitation.description);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(start.toJSDate().getTime()).toBe(invitation.startsAt);
    expect(end.toJSDate().getTime()).toBe(invitation.endsAt);
    expect(start.zone?.tzid).toBe('UTC');
    const organizer = event.getFirstProperty('organizer')!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:bernd@example.org');
    expect(organizer.getParameter('cn')).toBe('Bernd Beispiel');
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]!.getFirstValue()).toLowerCase()).toBe('mailto:amelie@example.org');
    expect(attendees[0]!.getParameter('partstat')).toBe('NEEDS-ACTION');
  });

  it('write an update under the same UID with the next SEQUENCE, and a cancellation as one', () => {
    const update = parsed(files.invitation({ ...invitation, sequence: 1 }));
    expect(update.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(update.event.getFirstPropertyValue('uid')).toBe(invitation.uid);
    expect(update.event.getFirstPropertyValue('sequence')).toBe(1);
    const cancel = parsed(files.invitation({ ...invitation, sequence: 2, method: 'CANCEL', attendee: null }));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancel.event.getAllProperties('attendee')).toHaveLength(0);
  });
});
