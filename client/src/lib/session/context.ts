import { createContext, useContext } from 'react';
import type { SessionValue } from './sessionState';

export const SessionContext = createContext<SessionValue | null>(null);

/** The session of this browser; only inside <SessionProvider>. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside <SessionProvider>.');
  return value;
}
