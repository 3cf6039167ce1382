import { isId, serviceNoticeReader } from './serviceNotice';

/**
 * A meeting's notice in the chat: it started (by whom) or ended (who took part). The notice
 * carries the people's ids only (the homeserver keeps it in clear); the chat shows their names
 * from the room's member list in the workspace.
 */
export type MeetingNotice =
  { roomId: string; event: 'started'; by: string } | { roomId: string; event: 'ended'; participants: string[] };

/** The content key the workspace's service account puts on a meeting's notice. */
export const MEETING_NOTICE_KEY = 'de.arbeitsbereich.meeting';

/** The meeting notice of an m.notice the workspace's service account sent; anyone else's stays a message. */
export const meetingNoticeOf = serviceNoticeReader(
  MEETING_NOTICE_KEY,
  ({ roomId, event, by, participants }): MeetingNotice | undefined => {
    if (!isId(roomId)) return undefined;
    if (event === 'started' && isId(by)) return { roomId, event, by };
    if (event === 'ended' && Array.isArray(participants)) {
      return { roomId, event, participants: participants.filter(isId) };
    }
    return undefined;
  },
);
