/** One request counted: allowed, or how long until the next one is. */
export interface RateVerdict {
  allowed: boolean;
  retryAfterMs: number;
}

/** Counts requests per key (a client address, a person) in fixed windows. */
export interface RateLimiter {
  take(key: string): Promise<RateVerdict>;
}

/**
 * Makes the limiter of one kind of request. `name` keeps the kinds apart where
 * the counters are shared (by several replicas, in Redis).
 */
export type RateLimiters = (name: string, limit: number, windowMs: number) => RateLimiter;
