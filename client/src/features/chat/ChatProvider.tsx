import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSession } from '../../lib/session/context';
import type { ChatConnection } from './matrix/chatConnection';

interface ChatContextValue {
  /** This tab's chat device; undefined until the chat's code has loaded. */
  connection: ChatConnection | undefined;
  /** Logs the chat device out and deletes its keys from this browser, connected or not. */
  signOut(): Promise<void>;
}

const ChatContext = createContext<ChatContextValue | undefined>(undefined);

// The chat's code (matrix-js-sdk, ~0.9 MB, and its crypto) loads after the shell, and only for a
// person signed in to a tenant: visitors of the signed-out page and meeting guests never fetch it.
// This file holds only the context.
const loadConnection = () => import('./matrix/chatConnection');

/**
 * Makes this tab's chat connection, once somebody with a chat is signed in, and disposes of it
 * when the app goes. It is made in an effect, so strict mode's second effect run gets a fresh one
 * instead of a disposed one, and only the connection that stays is ever connected. After a
 * sign-out the connection stays (disconnected) for the next sign-in in this tab.
 */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const [connection, setConnection] = useState<ChatConnection>();
  const [wanted, setWanted] = useState(false);
  if (!wanted && status.kind === 'signed-in' && status.actor.tenantId) setWanted(true);
  useEffect(() => {
    if (!wanted) return undefined;
    let made: ChatConnection | undefined;
    let cancelled = false;
    loadConnection().then(
      ({ ChatConnection }) => {
        if (cancelled) return;
        made = new ChatConnection();
        setConnection(made);
      },
      // eslint-disable-next-line no-console -- the chat's views keep waiting; whoever debugs sees why
      (error: unknown) => console.warn('[chat] the chat could not be loaded', error),
    );
    return () => {
      cancelled = true;
      made?.dispose();
    };
  }, [wanted]);
  const value = useMemo<ChatContextValue>(
    () => ({
      connection,
      signOut: () => (connection ? connection.signOut() : loadConnection().then((m) => m.forgetBrowserDevice())),
    }),
    [connection],
  );
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error('The chat is used outside its ChatProvider.');
  return value;
}

/** This tab's chat connection, once the chat's code has loaded. */
export function useChatConnection(): ChatConnection | undefined {
  return useChatContext().connection;
}

/** Signs the chat device out (for the workspace's sign-out, which does this first). */
export function useChatSignOut(): () => Promise<void> {
  return useChatContext().signOut;
}
