import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

export type { HocuspocusProvider } from '@hocuspocus/provider';

/** What the collaboration server tells the page about its connection. */
export interface CollabHandlers {
  onStatus: (status: 'connecting' | 'connected' | 'disconnected') => void;
  onSynced: () => void;
  /** The server refused the document (no access, or no longer). */
  onAuthenticationFailed: (reason: string) => void;
  onAuthenticated: (scope: 'read-write' | 'readonly') => void;
  onClose: (event: { code: number; reason: string }) => void;
}

/** The collaboration endpoint on the page's own origin: ws(s)://<host>/collab. */
export function collabUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;
}

/**
 * Opens a text document for editing together. The document's name is its entry id; the
 * session cookie authenticates (the token only satisfies the protocol).
 */
export function openCollabDocument(entryId: string, handlers: CollabHandlers): HocuspocusProvider {
  return new HocuspocusProvider({
    url: collabUrl(window.location),
    name: entryId,
    token: 'session',
    document: new Y.Doc(),
    onStatus: ({ status }) => handlers.onStatus(status),
    onSynced: ({ state }) => {
      if (state) handlers.onSynced();
    },
    onAuthenticationFailed: ({ reason }) => handlers.onAuthenticationFailed(reason),
    onAuthenticated: ({ scope }) => handlers.onAuthenticated(scope),
    onClose: ({ event }) => handlers.onClose({ code: event.code, reason: event.reason }),
  });
}

/** Stops reconnecting and leaves the document; the page keeps what it shows. */
export function closeCollabDocument(provider: HocuspocusProvider): void {
  provider.configuration.websocketProvider.disconnect();
  provider.destroy();
}
