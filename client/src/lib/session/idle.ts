/**
 * When a signed-in tab renews its session, warns that it is about to end, or lets it end.
 * The server ends a session that has seen no request of its person for the idle time; its
 * sockets' re-checks do not count. The person's own interaction with the page (keys, pointer,
 * a running meeting) is what keeps it alive: a tab renews at most once per `renewEveryMs`,
 * and only after such an interaction.
 */
export interface IdleClock {
  /** Last interaction of the person with the page (ms since the epoch). */
  interactedAt: number;
  /** Last time this browser (any tab) renewed the session with a request. */
  renewedAt: number;
  now: number;
}

export interface IdleSettings {
  idleMs: number;
  renewEveryMs: number;
  warnBeforeMs: number;
}

export type IdleStep =
  { kind: 'renew' } | { kind: 'wait'; endsAt: number } | { kind: 'warn'; endsAt: number } | { kind: 'ended' };

export const DEFAULT_IDLE_SETTINGS: Omit<IdleSettings, 'idleMs'> = {
  renewEveryMs: 60_000,
  warnBeforeMs: 2 * 60_000,
};

export function idleStep(clock: IdleClock, settings: IdleSettings): IdleStep {
  const endsAt = clock.renewedAt + settings.idleMs;
  if (clock.now >= endsAt) return { kind: 'ended' };
  if (clock.interactedAt > clock.renewedAt && clock.now - clock.renewedAt >= settings.renewEveryMs) {
    return { kind: 'renew' };
  }
  // A short idle time (tests, strict installations) still leaves the warning some room.
  const warnBefore = Math.min(settings.warnBeforeMs, settings.idleMs / 2);
  if (clock.now >= endsAt - warnBefore) return { kind: 'warn', endsAt };
  return { kind: 'wait', endsAt };
}
