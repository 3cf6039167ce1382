/** The person a meeting token is for, as the video system shows them. */
export interface MeetingUser {
  id: string;
  name: string;
  /** Absent for guests from outside the agency. */
  email?: string;
  avatar?: string;
}

export interface MeetingTokenRequest {
  /** The video system's name of the meeting room. */
  roomName: string;
  user: MeetingUser;
  moderator: boolean;
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
 * The video system (a Jitsi Meet deployment), seen from the domain: it admits
 * whoever holds a token signed for one of its rooms.
 */
export interface MeetingTokens {
  /** Host (and port) of the meeting web, for the browser. */
  readonly domain: string;
  mint(request: MeetingTokenRequest): Promise<MeetingToken>;
}
