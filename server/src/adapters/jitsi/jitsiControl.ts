import type { MeetingControl } from '../../domain/ports/meetings.js';

/** Jitsi Meet has no server API for this: repeating the call cannot help. */
export class JitsiCannot extends Error {
  readonly retryable = false;
  constructor(what: string) {
    super(
      `Jitsi Meet cannot ${what} from the server without further Prosody modules; ` +
        'a moderator does it in the meeting, and the person’s token expires after JITSI_TOKEN_MINUTES',
    );
    this.name = 'JitsiCannot';
  }
}

/**
 * Jitsi Meet's side of running meetings: a Jitsi deployment (web, Prosody, Jicofo) offers no API to
 * take someone out of a conference or to end it. Each call says so, never pretends success
 * (ADR 0046); the workspace does not queue these jobs for meetings held on Jitsi.
 */
export class JitsiControl implements MeetingControl {
  remove(): Promise<number> {
    return Promise.reject(new JitsiCannot('remove a participant from a running meeting'));
  }

  end(): Promise<void> {
    return Promise.reject(new JitsiCannot('end a running meeting'));
  }
}
