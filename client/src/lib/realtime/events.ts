import { realtimeEvent, type RealtimeEvent } from '@arbeitsbereich/contract';
import { isRecord } from '../api/json';

/**
 * What a subscriber hears: a server event, or `reconnected` after the connection was
 * lost for a while (events may have been missed, so whatever is shown is loaded again).
 */
export type RealtimeSignal = RealtimeEvent | { type: 'reconnected' };

export type RealtimeListener = (signal: RealtimeSignal) => void;

/** Reads an event, named `type`, with the contract's schema; undefined for anything that is not one of ours. */
export function parseRealtimeEvent(type: string, payload: unknown): RealtimeEvent | undefined {
  if (!isRecord(payload)) return undefined;
  const result = realtimeEvent.safeParse({ ...payload, type });
  return result.success ? result.data : undefined;
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
