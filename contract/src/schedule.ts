import { z } from 'zod';
import { id } from './common.js';

/** Meetings planned in a room (ADR 0052). The server checks the rules (start in the future, …). */
export const scheduledMeetingIn = z
  .object({
    title: z.string().trim().min(1).max(200).describe('What the meeting is about'),
    startsAt: z.iso.datetime({ offset: true }).describe('The start, with its offset or in UTC (Z)'),
    durationMinutes: z.number().int().min(5).max(480).describe('Length in minutes'),
    agenda: z.string().max(4000).nullable().optional().describe('The agenda, as plain text'),
  })
  .strict();
export type ScheduledMeetingInput = z.input<typeof scheduledMeetingIn>;

export const scheduledMeetingOut = z.object({
  id,
  title: z.string(),
  agenda: z.string().nullable(),
  startsAt: z.string().describe('The start (UTC, ISO 8601)'),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  /** The calendar invitations' SEQUENCE: 0 when planned, one more with each change. */
  sequence: z.number().int(),
  createdBy: z.string().describe('Who planned it (name)'),
});
export type ScheduledMeeting = z.output<typeof scheduledMeetingOut>;

export const scheduledMeetingList = z.object({ meetings: z.array(scheduledMeetingOut) });

export const scheduledMeetingParams = z.object({ tenantId: id, roomId: id, meetingId: id });
