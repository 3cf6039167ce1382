import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Extension } from '@hocuspocus/server';
import { redisOptions } from './redisConnection.js';

/**
 * Hocuspocus' Redis extension (ADR 0038): a document open on several replicas
 * stays one document (each edit is published to the others; a replica that
 * opens it asks the others for what is not stored yet), and only one replica
 * at a time stores it (a Redis lock).
 */
export function collabScaling(url: string): Extension {
  const { host, port, ...options } = redisOptions(url);
  return new RedisExtension({ host, port, options, prefix: 'ws:collab' });
}
