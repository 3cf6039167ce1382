/**
 * A change to be applied to an outside system (Keycloak, Synapse, …), written in
 * the same transaction as the domain change that needs it.
 */
export interface OutboxJobInput {
  kind: string;
  payload: unknown;
  /** Jobs with the same key are enqueued once; later calls return the first job. */
  dedupeKey?: string;
  /**
   * For jobs that converge to the current desired state (they read it when they run): while a
   * job with this key still waits to be claimed, a new one would do the same work, so the
   * waiting job covers the new change too. Once a job is claimed, the next one is queued anew.
   */
  coalesceKey?: string;
  maxAttempts?: number;
}

export interface OutboxJob {
  id: string;
  kind: string;
  payload: unknown;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lastError: string | null;
}

/**
 * Errors from adapters may say whether repeating the call can help
 * (`retryable`) and when (`retryAfterMs`). Unknown errors count as retryable:
 * a change is delayed rather than dropped.
 */
export function retryHint(error: unknown): { retryable: boolean; retryAfterMs?: number } {
  if (typeof error === 'object' && error !== null) {
    const { retryable, retryAfterMs } = error as { retryable?: unknown; retryAfterMs?: unknown };
    return {
      retryable: retryable !== false,
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    };
  }
  return { retryable: true };
}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 1000;
  const cap = 5 * 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
