import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { realtimeEvent } from '@arbeitsbereich/contract';
import type { Notifier, WorkspaceEvent } from '../../domain/ports/notifier.js';

/** A workspace event between replicas: the live update clients get, and whom it concerns. */
const message = z.object({
  origin: z.string(),
  event: realtimeEvent.extend({
    personIds: z.array(z.string()),
    tenantWide: z.boolean().optional(),
  }),
});

/**
 * Workspace events for every replica (ADR 0038). An event is handed to this
 * replica's own listeners (its sockets, its co-editing connections) at once and
 * published in Redis; the other replicas hand it to theirs. While Redis is
 * away, this replica's own clients still hear of its changes; the others'
 * catch up when their clients reconnect or re-check.
 */
export class RedisEventBus implements Notifier {
  readonly #origin = randomUUID();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly local: Notifier,
    private readonly onError: (error: unknown) => void,
    private readonly channel = 'ws:events',
  ) {}

  async start(): Promise<void> {
    this.sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const parsed = message.parse(JSON.parse(raw));
        if (parsed.origin === this.#origin) return;
        const { roomId, tenantWide, ...rest } = parsed.event;
        this.local.publish({
          ...rest,
          ...(roomId === undefined ? {} : { roomId }),
          ...(tenantWide === undefined ? {} : { tenantWide }),
        });
      } catch (error) {
        this.onError(error);
      }
    });
    await this.sub.subscribe(this.channel);
  }

  publish(event: WorkspaceEvent): void {
    this.local.publish(event);
    this.pub.publish(this.channel, JSON.stringify({ origin: this.#origin, event })).catch(this.onError);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
