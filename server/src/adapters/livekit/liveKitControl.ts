import { RoomServiceClient } from 'livekit-server-sdk';
import { guestIdentityPrefix } from '../../domain/meeting.js';
import type { MeetingLeaver } from '../../domain/meeting.js';
import type { MeetingControl } from '../../domain/ports/meetings.js';

export interface LiveKitControlOptions {
  /** The server's ws:// or wss:// URL; its room API answers on the same host over http(s). */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** LiveKit answers 404 for a room that is not running and for someone who is not in it. */
const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;

/** Errors of the room API other than "not found" are retried: LiveKit may be restarting. */
async function unlessGone(call: Promise<void>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * LiveKit's room API (RoomServiceClient, signed with the API secret): takes participants out of a
 * running meeting and ends meetings. Their clients are disconnected at once; a removed person cannot
 * come back without a new token, which the workspace no longer mints for them.
 */
export class LiveKitControl implements MeetingControl {
  private readonly rooms: RoomServiceClient;

  constructor(options: LiveKitControlOptions) {
    this.rooms = new RoomServiceClient(options.url.replace(/^ws/, 'http'), options.apiKey, options.apiSecret);
  }

  async remove(roomName: string, leaver: MeetingLeaver): Promise<number> {
    if ('identity' in leaver)
      return (await unlessGone(this.rooms.removeParticipant(roomName, leaver.identity))) ? 1 : 0;
    // A guest link's guests: every participant whose identity the link made.
    const prefix = guestIdentityPrefix(leaver.guestLinkId);
    let participants;
    try {
      participants = await this.rooms.listParticipants(roomName);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const p of participants.filter((p) => p.identity.startsWith(prefix))) {
      if (await unlessGone(this.rooms.removeParticipant(roomName, p.identity))) removed += 1;
    }
    return removed;
  }

  async end(roomName: string): Promise<void> {
    await unlessGone(this.rooms.deleteRoom(roomName));
  }
}
