import type { Redis } from 'ioredis';
import type { RateLimiter, RateLimiters, RateVerdict } from '../../domain/ports/rateLimits.js';

/**
 * One fixed window in Redis, counted atomically: the first request of a window
 * sets its expiry; the answer is the count so far and the time left.
 */
const takeScript = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

type WithTake = Redis & { workspaceTake(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Rate limits that every replica counts together, in Redis (ADR 0038). When
 * Redis does not answer within its command timeout, the request is let
 * through and `onError` told: a lost counter must not lock everyone out of
 * signing in. The keys expire with their window.
 */
export function redisRateLimiters(redis: Redis, onError: (error: unknown) => void, prefix = 'ws:rate'): RateLimiters {
  if (!('workspaceTake' in redis)) redis.defineCommand('workspaceTake', { numberOfKeys: 1, lua: takeScript });
  const client = redis as WithTake;
  return (name, limit, windowMs): RateLimiter => ({
    async take(key): Promise<RateVerdict> {
      try {
        const [count, ttl] = await client.workspaceTake(`${prefix}:${name}:${key}`, windowMs);
        return count <= limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: ttl };
      } catch (error) {
        onError(error);
        return { allowed: true, retryAfterMs: 0 };
      }
    },
  });
}
