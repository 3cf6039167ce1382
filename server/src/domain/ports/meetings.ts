import type { MeetingLeaver } from '../meeting.js';
/** The person a meeting token is for, as the video system shows them. */
export interface MeetingUser {
  id: string;
  name: string;
  /** Absent for guests from outside the agency. */
  email?: string;
  avatar?: string;
}

/** The video systems the workspace runs meetings on (ADR 0040): LiveKit (the embedded default) or Jitsi Meet. */
export const meetingProviders = ['livekit', 'jitsi'] as const;
export type MeetingProvider = (typeof meetingProviders)[number];

/** The video systems whose running meetings the server can control (ADR 0046): Jitsi offers no such API. */
export const meetingControlProviders: readonly MeetingProvider[] = ['livekit'];

export interface MeetingTokenRequest {
  /** The video system's name of the meeting room. */
  roomName: string;
  user: MeetingUser;
  moderator: boolean;
  /**
   * Whether the holder may send camera, microphone and screen. A video system that cannot restrict it
   * (Jitsi without further Prosody modules) lets everyone send.
   */
  publish: boolean;
  /** Whether the holder may record or stream (the tenant allows it and they moderate). */
  recording: boolean;
  /** Members skip the lobby; guests wait in it until a moderator admits them. */
  lobbyBypass: boolean;
  /** Milliseconds since the epoch. */
  now: number;
}

export interface MeetingToken {
  jwt: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * The video system (a LiveKit server or a Jitsi Meet deployment), seen from the domain: it admits
 * whoever holds a token signed for one of its rooms, with the rights the token names.
 */
export interface MeetingTokens {
  readonly provider: MeetingProvider;
  /** Where the browser reaches it: Jitsi's host (and port), or LiveKit's ws(s):// URL. */
  readonly domain: string;
  mint(request: MeetingTokenRequest): Promise<MeetingToken>;
}

/** Someone joined or left a room of the video system, as the video system itself reports it. */
export interface VideoSystemEvent {
  kind: 'joined' | 'left';
  /** The video system's name of the room. */
  roomName: string;
  /** The participant's identity: a person's id, or a link guest's made-up one. */
  identity: string;
}

/**
 * Reports the video system signs (LiveKit's webhooks): `read` checks the signature and the body
 * and gives the event, null for events the workspace does not follow, or throws `refused` for a
 * report that is not the video system's.
 */
export interface MeetingSignals {
  read(body: string, authorization: string | undefined): Promise<VideoSystemEvent | null>;
}

/**
 * The video system's control of running meetings (ADR 0046): it takes someone out of a meeting, or
 * ends a meeting for everyone. Both are safe to repeat: someone who is not in it, or a meeting that
 * is not running, is already as asked. A video system that cannot do it throws an error that says
 * so and is not retried (`retryable: false`), never a silent success.
 */
export interface MeetingControl {
  /** How many participants were taken out. */
  remove(roomName: string, leaver: MeetingLeaver): Promise<number>;
  end(roomName: string): Promise<void>;
}
