/**
 * A fixed-window counter per key, in memory. Enough for one backend process;
 * several replicas would share a Redis-backed one behind the same interface.
 */
export interface RateLimiter {
  take(key: string): { allowed: boolean; retryAfterMs: number };
}

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
      return w.count <= limit
        ? { allowed: true, retryAfterMs: 0 }
        : { allowed: false, retryAfterMs: w.start + windowMs - t };
    },
  };
}
