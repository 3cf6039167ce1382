import { isRecord } from '../api/json';

/** The live updates the server sends; they carry ids only, the client fetches what changed. */
export const REALTIME_EVENT_TYPES = ['rooms.changed', 'room.changed'] as const;
export type RealtimeEventType = (typeof REALTIME_EVENT_TYPES)[number];

export interface RealtimeEvent {
  type: RealtimeEventType;
  tenantId: string;
  roomId?: string;
}

/**
 * What a subscriber hears: a server event, or `reconnected` after the connection was
 * lost for a while (events may have been missed, so whatever is shown is loaded again).
 */
export type RealtimeSignal = RealtimeEvent | { type: 'reconnected' };

export type RealtimeListener = (signal: RealtimeSignal) => void;

/** Reads an event's payload; undefined for anything that is not one of ours. */
export function parseRealtimeEvent(type: string, payload: unknown): RealtimeEvent | undefined {
  if (!(REALTIME_EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  if (!isRecord(payload) || typeof payload.tenantId !== 'string') return undefined;
  const event: RealtimeEvent = { type: type as RealtimeEventType, tenantId: payload.tenantId };
  if (typeof payload.roomId === 'string') event.roomId = payload.roomId;
  return event;
}

/** Listeners by the hub: components subscribe and unsubscribe; the connection dispatches. */
export interface RealtimeHub {
  subscribe(listener: RealtimeListener): () => void;
  dispatch(signal: RealtimeSignal): void;
}

export function createRealtimeHub(): RealtimeHub {
  const listeners = new Set<RealtimeListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispatch(signal) {
      // A copy, so a listener that unsubscribes while being called does not skip another.
      for (const listener of [...listeners]) listener(signal);
    },
  };
}
