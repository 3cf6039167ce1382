import type { MeetingLeaver } from '../meeting.js';
import { fieldsOf, jobSpec, MalformedPayload, stringField } from './jobSpec.js';

/** Jobs that make a running meeting follow the workspace (ADR 0046): who may no longer be in it leaves. */
export const meetingJobKinds = {
  /** Someone left the room, was deactivated, or their guest link was revoked. */
  meetingRemove: 'meeting.remove',
  /** A moderator ended the meeting for everyone. */
  meetingEnd: 'meeting.end',
} as const;

export interface MeetingRemovePayload {
  /** The video system's name of the room's meeting. */
  roomName: string;
  leaver: MeetingLeaver;
}

export interface MeetingEndPayload {
  roomName: string;
}

function leaverOf(payload: unknown): MeetingLeaver {
  const leaver = fieldsOf(fieldsOf(payload).leaver);
  if (typeof leaver.identity === 'string') return { identity: leaver.identity };
  if (typeof leaver.guestLinkId === 'string') return { guestLinkId: leaver.guestLinkId };
  throw new MalformedPayload('job payload lacks leaver.identity or leaver.guestLinkId');
}

export const meetingJobs = {
  [meetingJobKinds.meetingRemove]: jobSpec<MeetingRemovePayload>({
    parse: (payload) => ({ roomName: stringField(payload, 'roomName'), leaver: leaverOf(payload) }),
    // The meeting's state is the video system's: no record of the workspace shows it.
    failureRecord: () => null,
  }),
  [meetingJobKinds.meetingEnd]: jobSpec<MeetingEndPayload>({
    parse: (payload) => ({ roomName: stringField(payload, 'roomName') }),
    failureRecord: () => null,
  }),
};
