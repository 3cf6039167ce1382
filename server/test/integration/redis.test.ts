import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import {
  commandConnection,
  queuingConnection,
  RedisEventBus,
  redisProbe,
  redisRateLimiters,
} from '../../src/adapters/redis/index.js';
import type { WorkspaceEvent } from '../../src/domain/ports/notifier.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually } from '../support/tenantsApi.js';

// What several replicas share in Redis (ADR 0038), against the test stack's real Redis: each
// "replica" here has connections of its own, as separate processes would.
describe('Redis shared by replicas', () => {
  const opened: Redis[] = [];
  const connect = (onError: (error: unknown) => void = () => undefined) => {
    const redis = commandConnection(stackEnv('TEST_REDIS_URL'), onError);
    opened.push(redis);
    return redis;
  };
  afterAll(async () => {
    await Promise.allSettled(opened.map((r) => r.quit()));
  });
  const prefix = () => `test:${randomBytes(4).toString('hex')}`;

  it('counts one window for a key across replicas, and tells how long until it ends', async () => {
    const p = prefix();
    const one = redisRateLimiters(connect(), () => undefined, p)('sign-in', 3, 60_000);
    const two = redisRateLimiters(connect(), () => undefined, p)('sign-in', 3, 60_000);
    const verdicts = [await one.take('10.0.0.1'), await two.take('10.0.0.1'), await one.take('10.0.0.1')];
    expect(verdicts.every((v) => v.allowed)).toBe(true);
    const refused = await two.take('10.0.0.1');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another address, and another kind of request, count on their own.
    expect((await two.take('10.0.0.2')).allowed).toBe(true);
    const other = redisRateLimiters(connect(), () => undefined, p)('uploads', 3, 60_000);
    expect((await other.take('10.0.0.1')).allowed).toBe(true);
  });

  it('starts a new window once the old one has ended', async () => {
    const limiter = redisRateLimiters(connect(), () => undefined, prefix())('sign-in', 1, 300);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await limiter.take('a')).allowed).toBe(true);
  });

  it('lets requests through, and says so, while Redis does not answer', async () => {
    const errors: unknown[] = [];
    // Nothing listens on port 1: every command fails at once.
    const away = commandConnection('redis://127.0.0.1:1', () => undefined);
    opened.push(away);
    const limiter = redisRateLimiters(away, (error) => errors.push(error), prefix())('sign-in', 1, 60_000);
    for (let i = 0; i < 3; i++) expect(await limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(errors).toHaveLength(3);
    expect((await redisProbe(away).check()).status).toBe('down');
    expect((await redisProbe(connect()).check()).status).toBe('up');
  });

  it("hands a replica's event to its own clients once and to the other replica's once", async () => {
    const channel = prefix();
    const url = stackEnv('TEST_REDIS_URL');
    const heard = { one: [] as WorkspaceEvent[], two: [] as WorkspaceEvent[] };
    const bus = (name: 'one' | 'two') => {
      const pub = queuingConnection(url, `${name}-out`, () => undefined);
      const sub = queuingConnection(url, `${name}-in`, () => undefined);
      return new RedisEventBus(pub, sub, { publish: (e) => heard[name].push(e) }, () => undefined, channel);
    };
    const [one, two] = [bus('one'), bus('two')];
    await Promise.all([one.start(), two.start()]);
    try {
      const event: WorkspaceEvent = { type: 'room.changed', tenantId: 't1', roomId: 'r1', personIds: ['p1'] };
      one.publish(event);
      await eventually(
        () => Promise.resolve(heard.two.length),
        (n) => n === 1,
        5_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard.one).toEqual([event]);
      expect(heard.two).toEqual([event]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
