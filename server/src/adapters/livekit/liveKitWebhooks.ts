import { WebhookReceiver } from 'livekit-server-sdk';
import { forbidden } from '../../domain/errors.js';
import type { MeetingSignals, VideoSystemEvent } from '../../domain/ports/meetings.js';

const followed: Readonly<Record<string, VideoSystemEvent['kind']>> = {
  participant_joined: 'joined',
  participant_left: 'left',
};

/**
 * LiveKit's webhooks: a JWT signed with the API secret in `Authorization`, carrying the SHA-256 of
 * the body. Anything else (no token, another secret, a changed body) is refused.
 */
export class LiveKitWebhooks implements MeetingSignals {
  private readonly receiver: WebhookReceiver;

  constructor(apiKey: string, apiSecret: string) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
  }

  async read(body: string, authorization: string | undefined): Promise<VideoSystemEvent | null> {
    let event;
    try {
      event = await this.receiver.receive(body, authorization);
    } catch {
      throw forbidden('Not a report signed by the video system.');
    }
    const kind = followed[event.event];
    const roomName = event.room?.name;
    const identity = event.participant?.identity;
    if (kind === undefined || !roomName || !identity) return null;
    return { kind, roomName, identity };
  }
}
