import { realtimeEventTypes } from '@arbeitsbereich/contract';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { io } from 'socket.io-client';
import { useSession } from '../session/context';
import { type ConnectionState, RealtimeContext, type RealtimeValue } from './context';
import { createRealtimeHub, parseRealtimeEvent } from './events';

/**
 * One socket.io connection while someone is signed in; closed when they are not. The
 * server admits it by the session cookie and puts it into the person's and tenant's
 * channels. socket.io reconnects by itself after a network loss; subscribers then hear
 * `reconnected` and load again what they show.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const signedInAs = status.kind === 'signed-in' ? status.actor.subject : undefined;
  const hub = useMemo(() => createRealtimeHub(), []);
  const [state, setState] = useState<ConnectionState>('offline');

  useEffect(() => {
    if (signedInAs === undefined) {
      setState('offline');
      return undefined;
    }
    const socket = io({ path: '/socket.io', withCredentials: true });
    let connectedBefore = false;
    setState('connecting');
    socket.on('connect', () => {
      setState('connected');
      if (connectedBefore) hub.dispatch({ type: 'reconnected' });
      connectedBefore = true;
    });
    socket.on('disconnect', () => setState('connecting'));
    socket.on('connect_error', () => setState(socket.active ? 'connecting' : 'offline'));
    for (const type of realtimeEventTypes) {
      socket.on(type, (payload: unknown) => {
        const event = parseRealtimeEvent(type, payload);
        if (event) hub.dispatch(event);
      });
    }
    return () => {
      socket.removeAllListeners();
      socket.close();
    };
  }, [signedInAs, hub]);

  const value = useMemo<RealtimeValue>(() => ({ hub, state }), [hub, state]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
