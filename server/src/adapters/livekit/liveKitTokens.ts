import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import type { MeetingToken, MeetingTokenRequest, MeetingTokens } from '../../domain/ports/meetings.js';

export interface LiveKitOptions {
  /** Where browsers reach the LiveKit server: its ws:// or wss:// URL. */
  url: string;
  /** The API key and secret the server knows; the secret signs every token. */
  apiKey: string;
  apiSecret: string;
  lifetimeMinutes: number;
}

/**
 * The rights a LiveKit token gives, from the domain's decisions: everyone joins the one room and
 * sees and hears the others; who moderates is the room's admin (mutes, removes, changes others'
 * rights); who may send, sends camera, microphone, screen and data. Nobody changes their own name
 * or metadata: the name is the workspace's.
 */
export function liveKitGrant(request: Pick<MeetingTokenRequest, 'roomName' | 'moderator' | 'publish'>): VideoGrant {
  return {
    room: request.roomName,
    roomJoin: true,
    roomAdmin: request.moderator,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    canSubscribe: true,
    canPublish: request.publish,
    canPublishData: request.publish,
    canUpdateOwnMetadata: false,
    hidden: false,
  };
}

/** Meeting tokens for a LiveKit server (HS256 with the API secret, as LiveKit checks them). */
export class LiveKitTokens implements MeetingTokens {
  readonly provider = 'livekit' as const;
  readonly domain: string;
  private readonly options: LiveKitOptions;

  constructor(options: LiveKitOptions) {
    this.domain = options.url;
    this.options = options;
  }

  async mint(request: MeetingTokenRequest): Promise<MeetingToken> {
    const ttlSeconds = this.options.lifetimeMinutes * 60;
    const token = new AccessToken(this.options.apiKey, this.options.apiSecret, {
      identity: request.user.id,
      name: request.user.name,
      ttl: ttlSeconds,
    });
    token.addGrant(liveKitGrant(request));
    const jwt = await token.toJwt();
    return { jwt, expiresAt: Math.floor(request.now / 1000) * 1000 + ttlSeconds * 1000 };
  }
}
