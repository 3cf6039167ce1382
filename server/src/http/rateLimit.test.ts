import { describe, expect, it } from 'vitest';
import { fixedWindowLimiter } from './rateLimit.js';

describe('fixedWindowLimiter', () => {
  it('allows the limit per key and window, then says how long to wait', async () => {
    let now = 1_000;
    const limiter = fixedWindowLimiter(2, 60_000, () => now);
    expect(await limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0 });
    now += 10_000;
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect((await limiter.take('b')).allowed).toBe(true);
    now += 50_000;
    expect((await limiter.take('a')).allowed).toBe(true);
  });
});
