import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { SignedIn } from './signIn.js';
import { stackEnv } from './stackEnv.js';
import { eventually } from './tenantsApi.js';

// Real Hocuspocus providers as the browser's editor uses them (WebSocket from
// `ws`, carrying the session cookie and the Origin a browser would send).

export interface CollabClient {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** 'read-write' or 'readonly' once authenticated; `denied:<reason>` when refused. */
  outcome: Promise<string>;
  closes: { code: number; reason: string }[];
  paragraphs: () => string[];
  write: (text: string) => void;
  close: () => void;
}

const clients: CollabClient[] = [];

/** A WebSocket as the signed-in browser opens it: its cookie and an Origin (its own unless told). */
function browserSocket(session: SignedIn | undefined, origin: string, headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...headers, ...(session ? { Cookie: session.cookie } : {}) }, origin });
    }
  };
}

/** `headers`: more of the handshake's headers (e.g. which replica of the production topology to reach). */
export function openCollabClient(
  session: SignedIn | undefined,
  entryId: string,
  baseUrl?: string,
  headers: Record<string, string> = {},
): CollabClient {
  const base = baseUrl ?? stackEnv('WORKSPACE_URL');
  const doc = new Y.Doc();
  const closes: CollabClient['closes'] = [];
  let settle: (outcome: string) => void = () => undefined;
  const outcome = new Promise<string>((resolve) => (settle = resolve));
  const socket = new HocuspocusProviderWebsocket({
    url: `${base.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: browserSocket(session, new URL(stackEnv('PUBLIC_URL')).origin, headers),
    // The socket's own close events (a document's CLOSE message is not one of them).
    onClose: ({ event }) => {
      closes.push({ code: event.code, reason: String(event.reason) });
    },
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: entryId,
    token: 'session',
    document: doc,
    onAuthenticated: ({ scope }) => settle(scope),
    onAuthenticationFailed: ({ reason }) => settle(`denied:${reason}`),
  });
  provider.attach();
  const fragment = doc.getXmlFragment('default');
  const client: CollabClient = {
    provider,
    socket,
    doc,
    outcome,
    closes,
    paragraphs: () =>
      fragment.toArray().map((p) =>
        (p as Y.XmlElement)
          .toArray()
          .map((t) => t.toString())
          .join(''),
      ),
    // A paragraph, as TipTap's editor writes it into the shared fragment.
    write: (text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    },
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  clients.push(client);
  return client;
}

export const until = (holds: () => boolean, timeoutMs = 10_000) =>
  eventually(
    () => Promise.resolve(holds()),
    (v) => v,
    timeoutMs,
  );
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Closes every client opened since the last call (after each test). */
export function closeCollabClients(): void {
  for (const c of clients.splice(0)) c.close();
}
