import { createContext, useContext, useEffect, useRef } from 'react';
import type { RealtimeHub, RealtimeSignal } from './events';

export type ConnectionState = 'offline' | 'connecting' | 'connected';

export interface RealtimeValue {
  hub: RealtimeHub;
  /** Whether live updates arrive right now; `offline` while signed out. */
  state: ConnectionState;
}

export const RealtimeContext = createContext<RealtimeValue | null>(null);

export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime is used outside <RealtimeProvider>.');
  return value;
}

/**
 * Calls `onSignal` for every live update (and after a reconnect) while the component is
 * shown. The latest `onSignal` is used, so it need not be memoised.
 */
export function useRealtimeSignal(onSignal: (signal: RealtimeSignal) => void): void {
  const { hub } = useRealtime();
  const handler = useRef(onSignal);
  handler.current = onSignal;
  useEffect(() => hub.subscribe((signal) => handler.current(signal)), [hub]);
}
