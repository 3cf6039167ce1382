import {
  scheduledMeetingIn,
  scheduledMeetingList,
  scheduledMeetingOut,
  scheduledMeetingParams,
  roomParams,
  type ScheduledMeeting as ScheduledMeetingOut,
} from '@arbeitsbereich/contract';
import {
  calendarFileOf,
  cancelMeeting,
  listScheduledMeetings,
  rescheduleMeeting,
  scheduleMeeting,
  type ScheduleDeps,
} from '../../commands/meetings/schedule.js';
import { endOf, type ScheduledMeeting } from '../../domain/scheduledMeeting.js';
import { attachmentDisposition } from '../contentDisposition.js';
import { route } from './apiRoute.js';
import { contextOf } from './commandContext.js';
import { iso } from './presenters.js';

const present = (m: ScheduledMeeting, names: Map<string, string>): ScheduledMeetingOut => ({
  id: m.id,
  title: m.title,
  agenda: m.agenda,
  startsAt: iso(m.startsAt),
  endsAt: iso(endOf(m)),
  durationMinutes: m.durationMinutes,
  sequence: m.sequence,
  createdBy: names.get(m.createdBy) ?? '',
});

/** The names of the people who planned these meetings. */
async function plannersOf(deps: ScheduleDeps, meetings: ScheduledMeeting[]): Promise<Map<string, string>> {
  const ids = [...new Set(meetings.map((m) => m.createdBy))];
  const people = await Promise.all(ids.map((personId) => deps.store.read.people.findById(personId)));
  return new Map(people.flatMap((p) => (p ? [[p.id, `${p.firstName} ${p.lastName}`] as const] : [])));
}

const scheduleInput = (body: {
  title: string;
  startsAt: string;
  durationMinutes: number;
  agenda?: string | null | undefined;
}) => ({
  title: body.title,
  startsAt: Date.parse(body.startsAt),
  durationMinutes: body.durationMinutes,
  agenda: body.agenda,
});

const refusals = {
  403: { description: 'Only the room’s owners and moderators plan, change and cancel its meetings' },
  404: { description: 'No such room or meeting (or not visible to the caller)' },
  409: { description: 'The room is archived, meetings are off, or the meeting is over, cancelled or was just changed' },
  422: {
    description: 'The start is not in the future, the length or the title is out of range; `details.field` names it',
  },
};

/** Meetings planned in a room, their calendar files, and the mails that carry them (ADR 0052). */
export function scheduleRoutes(deps: ScheduleDeps) {
  const base = '/tenants/:tenantId/rooms/:roomId/scheduled-meetings';
  return [
    route({
      method: 'get',
      path: base,
      operationId: 'listScheduledMeetings',
      summary: 'The room’s planned meetings still to come, by start (everyone who may join the room’s meeting)',
      tag: 'meetings',
      params: roomParams,
      responses: {
        200: { description: 'Upcoming and running meetings', schema: scheduledMeetingList },
        403: { description: 'Not a member of the room' },
        404: refusals[404],
        409: { description: 'The room is archived, or meetings are off' },
      },
      handler: async (input) => {
        const meetings = await listScheduledMeetings(
          deps,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
        );
        const names = await plannersOf(deps, meetings);
        return { body: { meetings: meetings.map((m) => present(m, names)) } };
      },
    }),
    route({
      method: 'post',
      path: base,
      operationId: 'scheduleMeeting',
      summary:
        'Plan a meeting in the room; every member is sent the invitation by e-mail (owners and moderators; audited)',
      tag: 'meetings',
      params: roomParams,
      body: scheduledMeetingIn,
      responses: { 201: { description: 'Planned', schema: scheduledMeetingOut }, ...refusals },
      handler: async (req) => {
        const { tenantId, roomId } = req.params;
        const m = await scheduleMeeting(deps, contextOf(req), tenantId, roomId, scheduleInput(req.body));
        return { status: 201, body: present(m, await plannersOf(deps, [m])) };
      },
    }),
    route({
      method: 'put',
      path: `${base}/:meetingId`,
      operationId: 'rescheduleMeeting',
      summary: 'Change a planned meeting; every member is sent the update (same UID, next SEQUENCE; audited)',
      tag: 'meetings',
      params: scheduledMeetingParams,
      body: scheduledMeetingIn,
      responses: { 200: { description: 'Changed', schema: scheduledMeetingOut }, ...refusals },
      handler: async (req) => {
        const { tenantId, roomId, meetingId } = req.params;
        const m = await rescheduleMeeting(deps, contextOf(req), tenantId, roomId, meetingId, scheduleInput(req.body));
        return { body: present(m, await plannersOf(deps, [m])) };
      },
    }),
    route({
      method: 'delete',
      path: `${base}/:meetingId`,
      operationId: 'cancelMeeting',
      summary: 'Cancel a planned meeting; every member is sent the cancellation (METHOD:CANCEL; audited)',
      tag: 'meetings',
      params: scheduledMeetingParams,
      responses: {
        204: { description: 'Cancelled (or cancelled already)' },
        403: refusals[403],
        404: refusals[404],
        409: refusals[409],
      },
      handler: async (req) => {
        const { tenantId, roomId, meetingId } = req.params;
        await cancelMeeting(deps, contextOf(req), tenantId, roomId, meetingId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: `${base}/:meetingId/calendar.ics`,
      operationId: 'downloadMeetingInvitation',
      summary:
        'The planned meeting’s calendar file (RFC 5545), or its cancellation (everyone who may join the room’s meeting)',
      tag: 'meetings',
      params: scheduledMeetingParams,
      responses: {
        200: { description: 'The iCalendar file', binary: 'text/calendar' },
        403: { description: 'Not a member of the room' },
        404: refusals[404],
        409: { description: 'The room is archived, or meetings are off' },
      },
      handler: async (req) => {
        const { tenantId, roomId, meetingId } = req.params;
        const file = await calendarFileOf(deps, contextOf(req), tenantId, roomId, meetingId);
        req.res
          .status(200)
          .set({
            'Content-Type': 'text/calendar; charset=utf-8',
            'Content-Disposition': attachmentDisposition(file.fileName),
            'Cache-Control': 'private, no-store',
          })
          .send(file.text);
        return { sent: true };
      },
    }),
  ];
}
