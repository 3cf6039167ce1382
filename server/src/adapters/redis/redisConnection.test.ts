import { describe, expect, it } from 'vitest';
import { redisOptions } from './redisConnection.js';

describe('redisOptions', () => {
  it('reads host, port, user, password, database and TLS from a Redis URL', () => {
    expect(redisOptions('redis://127.0.0.1:16379')).toEqual({ host: '127.0.0.1', port: 16379 });
    expect(redisOptions('rediss://workspace:p%40ss@redis.internal/3')).toEqual({
      host: 'redis.internal',
      port: 6379,
      username: 'workspace',
      password: 'p@ss',
      db: 3,
      tls: {},
    });
    expect(redisOptions('redis://:secret@redis/0')).toEqual({ host: 'redis', port: 6379, password: 'secret' });
  });
});
