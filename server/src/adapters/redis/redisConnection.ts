import { Redis, type RedisOptions } from 'ioredis';
import { pingProbe, type HealthProbe } from '../../domain/ports/health.js';

/** ioredis' options from a redis:// or rediss:// URL (user, password, database number, TLS). */
export function redisOptions(url: string): RedisOptions & { host: string; port: number } {
  const u = new URL(url);
  const db = Number.parseInt(u.pathname.replace(/^\//, '') || '0', 10);
  return {
    host: u.hostname,
    port: u.port === '' ? 6379 : Number(u.port),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isFinite(db) && db > 0 ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * A connection for commands that must answer soon or not at all (rate limits,
 * the readiness probe): a command waits at most a second, also while the
 * connection is (re)made.
 */
export function commandConnection(url: string, onError: (error: unknown) => void): Redis {
  const redis = new Redis({
    ...redisOptions(url),
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectionName: 'workspace',
  });
  // ioredis reconnects by itself; without a listener it would print each failed attempt.
  redis.on('error', onError);
  return redis;
}

/** A connection that keeps what it is given while Redis is away and sends it once it is back (pub/sub). */
export function queuingConnection(url: string, name: string, onError: (error: unknown) => void): Redis {
  const redis = new Redis({ ...redisOptions(url), connectionName: name, maxRetriesPerRequest: null });
  redis.on('error', onError);
  return redis;
}

/** Redis for /readyz and the metrics: PING answered. */
export const redisProbe = (redis: Redis): HealthProbe => pingProbe('redis', () => redis.ping());
