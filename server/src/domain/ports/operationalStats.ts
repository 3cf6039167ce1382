/** The outbox of one job kind as it stands. */
export interface OutboxKindStats {
  kind: string;
  pending: number;
  running: number;
  /** Jobs that used up their attempts and wait for a person. */
  failed: number;
  /** When the longest-waiting pending job was queued (epoch ms); null when none waits. */
  oldestPendingAt: number | null;
}

/**
 * Facts about the workspace's own state that operators watch (ADR 0036),
 * read when monitoring asks, never kept in the process.
 */
export interface OperationalStats {
  outbox(): Promise<OutboxKindStats[]>;
  /** Sessions that have not expired at `now`. */
  activeSessions(now: number): Promise<number>;
  /** Drift the reconciler and the storage sweeper repaired, by what they repaired, as the audit log holds it. */
  repairs(): Promise<{ target: string; count: number }[]>;
}
