import { checkedHandlers, jobKinds, type JobHandlers } from '../domain/jobs/catalog.js';
import type { MeetingLeaver } from '../domain/meeting.js';
import { meetingControlProviders, type MeetingControl } from '../domain/ports/meetings.js';
import type { StoreTx } from '../domain/ports/store.js';

/**
 * The room's meeting as the video system runs it, if the video system takes orders from the server
 * (LiveKit; Jitsi does not, ADR 0046): its name there, else null.
 */
async function controlledMeeting(tx: StoreTx, roomId: string): Promise<string | null> {
  const roomName = await tx.meetings.roomName(roomId);
  const provider = await tx.meetings.providerOf(roomId);
  return roomName !== undefined && provider !== null && meetingControlProviders.includes(provider) ? roomName : null;
}

/**
 * Someone may no longer be in the room's meeting (they left the room or were deactivated, or their
 * guest link was revoked): the outbox takes them out of it, retried until the video system answers.
 */
export async function queueMeetingRemoval(
  tx: StoreTx,
  roomId: string,
  leaver: MeetingLeaver,
  now: number,
): Promise<void> {
  const roomName = await controlledMeeting(tx, roomId);
  if (roomName === null) return;
  const who = 'identity' in leaver ? leaver.identity : `link:${leaver.guestLinkId}`;
  await tx.outbox.enqueue({
    kind: jobKinds.meetingRemove,
    payload: { roomName, leaver },
    dedupeKey: `meeting:${roomName}:remove:${who}:${now}`,
  });
}

/** A moderator ended the room's meeting: the outbox ends it in the video system for everyone. */
export async function queueMeetingEnd(tx: StoreTx, roomId: string, now: number): Promise<void> {
  const roomName = await controlledMeeting(tx, roomId);
  if (roomName === null) return;
  await tx.outbox.enqueue({
    kind: jobKinds.meetingEnd,
    payload: { roomName },
    dedupeKey: `meeting:${roomName}:end:${now}`,
  });
}

/** The outbox jobs that carry the workspace's decisions into running meetings. */
export function meetingControlHandlers(control: MeetingControl) {
  const handlers: JobHandlers<typeof jobKinds.meetingRemove | typeof jobKinds.meetingEnd> = {
    [jobKinds.meetingRemove]: async ({ roomName, leaver }) => {
      await control.remove(roomName, leaver);
    },
    [jobKinds.meetingEnd]: async ({ roomName }) => {
      await control.end(roomName);
    },
  };
  return checkedHandlers(handlers);
}
