import { fieldsOf, jobSpec, MalformedPayload } from './jobSpec.js';

/** A notice in a room's chat (a meeting began or ended, a document was shared). */
export const noticeJobKinds = {
  roomNotice: 'room.notice',
  /** A notice by e-mail to a person: they were added to a room (ADR 0041). */
  mailNotice: 'person.mailNotice',
} as const;

/**
 * To whom, and about what: they were added to a room, a guest they sponsor leaves soon (ADR 0050),
 * or a meeting of their room was planned, changed or cancelled (this version of it, ADR 0052).
 */
export type MailNoticePayload =
  | { personId: string; kind: 'room.added'; roomId: string }
  | { personId: string; kind: 'guest.expiring'; guestId: string }
  /** A file they uploaded, or one in their tenant, was found infected and withheld (ADR 0055). */
  | { personId: string; kind: 'document.quarantined'; versionId: string }
  | { personId: string; kind: 'meeting.invitation'; meetingId: string; sequence: number };

export interface RoomNoticePayload {
  roomId: string;
  body: string;
  /** Makes a repeated send the same event. */
  txnId: string;
  /** A shared document's notice also has an HTML rendering … */
  html?: string;
  /** … and a card for clients that know it. */
  fields?: Record<string, unknown>;
}

export const noticeJobs = {
  [noticeJobKinds.roomNotice]: jobSpec<RoomNoticePayload>({
    parse: (payload) => {
      const { roomId, body, txnId, html, fields } = fieldsOf(payload);
      if (typeof roomId !== 'string' || typeof body !== 'string' || typeof txnId !== 'string') {
        throw new MalformedPayload('job payload lacks roomId, body or txnId');
      }
      return {
        roomId,
        body,
        txnId,
        ...(typeof html === 'string' ? { html } : {}),
        ...(typeof fields === 'object' && fields !== null ? { fields: fields as Record<string, unknown> } : {}),
      };
    },
    // A lost notice changes nothing about the room's own state.
    failureRecord: () => null,
  }),
  [noticeJobKinds.mailNotice]: jobSpec<MailNoticePayload>({
    parse: (payload) => {
      const { personId, kind, roomId, guestId, versionId, meetingId, sequence } = fieldsOf(payload);
      if (typeof personId !== 'string') throw new MalformedPayload('job payload lacks personId');
      if (kind === 'room.added' && typeof roomId === 'string') return { personId, kind, roomId };
      if (kind === 'guest.expiring' && typeof guestId === 'string') return { personId, kind, guestId };
      if (kind === 'document.quarantined' && typeof versionId === 'string') return { personId, kind, versionId };
      if (kind === 'meeting.invitation' && typeof meetingId === 'string' && typeof sequence === 'number') {
        return { personId, kind, meetingId, sequence };
      }
      throw new MalformedPayload('job payload has no known kind with its roomId, guestId, versionId or meetingId');
    },
    failureRecord: () => null,
  }),
};
