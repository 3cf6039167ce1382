import { HTTPError, safeGetRetryAfterMs } from 'matrix-js-sdk';

/** The wait when the homeserver limits us without saying for how long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;
/** The longest wait we accept; a longer Retry-After is cut to this (the person is looking at a spinner). */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** How often a connection is tried in all while the homeserver keeps limiting it. */
export const MAX_RATE_LIMITED_ATTEMPTS = 5;

/**
 * How long the homeserver asked us to wait, if `error` is its rate limit (HTTP
 * 429 or M_LIMIT_EXCEEDED), from Retry-After or `retry_after_ms`; undefined
 * for any other failure.
 */
export function rateLimitWaitMs(error: unknown): number | undefined {
  if (!(error instanceof HTTPError) || !error.isRateLimitError()) return undefined;
  const asked = safeGetRetryAfterMs(error, DEFAULT_RATE_LIMIT_WAIT_MS);
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, asked));
}

export interface RateLimitRetryOptions {
  /** Waits the given milliseconds (a timer in the browser; tests pass their own). */
  sleep: (ms: number) => Promise<void>;
  /** Asked after each wait: false ends the retries (the connection was given up meanwhile). */
  stillWanted?: () => boolean;
  maxAttempts?: number;
}

/**
 * Runs `attempt`, and again after each rate limit of the homeserver once the
 * wait it asked for has passed; any other failure, or the last limited
 * attempt, is thrown as it came.
 */
export async function retryWhileRateLimited<T>(attempt: () => Promise<T>, options: RateLimitRetryOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? MAX_RATE_LIMITED_ATTEMPTS;
  for (let attempted = 1; ; attempted += 1) {
    try {
      return await attempt();
    } catch (error) {
      const waitMs = rateLimitWaitMs(error);
      if (waitMs === undefined || attempted >= maxAttempts) throw error;
      await options.sleep(waitMs);
      if (options.stillWanted && !options.stillWanted()) throw error;
    }
  }
}
