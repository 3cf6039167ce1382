import type { RateLimiter, RateLimiters } from '../domain/ports/rateLimits.js';

export type { RateLimiter, RateLimiters, RateVerdict } from '../domain/ports/rateLimits.js';

/**
 * A fixed-window counter per key, in this process's memory: enough for one
 * backend process. Several replicas count in Redis (adapters/redis) behind the
 * same interface.
 */
export function fixedWindowLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
        }
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return Promise.resolve(
        w.count <= limit
          ? { allowed: true, retryAfterMs: 0 }
          : { allowed: false, retryAfterMs: w.start + windowMs - t },
      );
    },
  };
}

/** Limiters that count in memory (one process). */
export const memoryRateLimiters: RateLimiters = (_name, limit, windowMs) => fixedWindowLimiter(limit, windowMs);
