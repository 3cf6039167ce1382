import {
  scheduledMeetingList,
  scheduledMeetingOut,
  type ScheduledMeeting,
  type ScheduledMeetingInput,
} from '@arbeitsbereich/contract';
import { getJson, sendJson, withSignal } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

const schedulePath = (tenantId: string, roomId: string): string =>
  `${tenantPath(tenantId)}/rooms/${encodeURIComponent(roomId)}/scheduled-meetings`;

/** GET …/scheduled-meetings: the room's planned meetings still to come, by start. */
export async function listScheduledMeetings(
  tenantId: string,
  roomId: string,
  signal?: AbortSignal,
): Promise<ScheduledMeeting[]> {
  return parseWith(scheduledMeetingList, (await getJson(schedulePath(tenantId, roomId), withSignal(signal))).body)
    .meetings;
}

/** POST …/scheduled-meetings: plans a meeting; the members are sent the invitation. */
export async function scheduleMeeting(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  meeting: ScheduledMeetingInput,
): Promise<ScheduledMeeting> {
  const answer = await sendJson('POST', schedulePath(tenantId, roomId), { csrfToken, body: meeting });
  return parseWith(scheduledMeetingOut, answer.body);
}

/** PUT …/scheduled-meetings/:id: changes a planned meeting; the members are sent the update. */
export async function rescheduleMeeting(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  meetingId: string,
  meeting: ScheduledMeetingInput,
): Promise<ScheduledMeeting> {
  const path = `${schedulePath(tenantId, roomId)}/${encodeURIComponent(meetingId)}`;
  return parseWith(scheduledMeetingOut, (await sendJson('PUT', path, { csrfToken, body: meeting })).body);
}

/** DELETE …/scheduled-meetings/:id: cancels it; the members are sent the cancellation. */
export async function cancelScheduledMeeting(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  meetingId: string,
): Promise<void> {
  await sendJson('DELETE', `${schedulePath(tenantId, roomId)}/${encodeURIComponent(meetingId)}`, { csrfToken });
}

/** Where the meeting's calendar file is downloaded (a link: the browser saves it). */
export const calendarFileUrl = (tenantId: string, roomId: string, meetingId: string): string =>
  `${schedulePath(tenantId, roomId)}/${encodeURIComponent(meetingId)}/calendar.ics`;

/** A room's planned meetings, for a signed-in person (the session's CSRF token bound in). */
export interface ScheduleApi {
  list(tenantId: string, roomId: string, signal?: AbortSignal): Promise<ScheduledMeeting[]>;
  schedule(tenantId: string, roomId: string, meeting: ScheduledMeetingInput): Promise<ScheduledMeeting>;
  reschedule(
    tenantId: string,
    roomId: string,
    meetingId: string,
    meeting: ScheduledMeetingInput,
  ): Promise<ScheduledMeeting>;
  cancel(tenantId: string, roomId: string, meetingId: string): Promise<void>;
}

export const createScheduleApi = (csrfToken: string): ScheduleApi => ({
  list: (tenantId, roomId, signal) => listScheduledMeetings(tenantId, roomId, signal),
  schedule: (tenantId, roomId, meeting) => scheduleMeeting(csrfToken, tenantId, roomId, meeting),
  reschedule: (tenantId, roomId, meetingId, meeting) =>
    rescheduleMeeting(csrfToken, tenantId, roomId, meetingId, meeting),
  cancel: (tenantId, roomId, meetingId) => cancelScheduledMeeting(csrfToken, tenantId, roomId, meetingId),
});
