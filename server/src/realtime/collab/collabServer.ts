import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Connection, type Extension } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { openableText } from '../../commands/documents/textDocuments.js';
import type { Actor } from '../../domain/actor.js';
import type { CollabDocuments, LiveTextDocuments } from '../../domain/ports/collab.js';
import type { Notifier, WorkspaceEvent } from '../../domain/ports/notifier.js';
import type { Store } from '../../domain/ports/store.js';
import { collabClose, collabPath } from './closeCodes.js';

export interface CollabOptions {
  server: http.Server;
  /** The person a handshake's session cookie belongs to; validates without renewing the session. */
  actorOf: (req: http.IncomingMessage) => Promise<Actor | undefined>;
  /** Counts an edit as the person's activity on their session (called at most every `activityEveryMs`). */
  noteActivity?: (req: http.IncomingMessage) => Promise<unknown>;
  activityEveryMs?: number;
  publicUrl: string;
  store: Store;
  documents: CollabDocuments;
  logger: Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;
  /** How often every open connection re-checks its session and access (ended sessions, archived tenants). */
  recheckMs?: number;
  /** Quiet time after an edit before the document is stored (Hocuspocus' debounce). */
  storeAfterMs?: number;
  /** Makes a document's text that of another state (the editor's schema lives with the renderer). */
  replaceContent: (target: Y.Doc, state: Uint8Array) => void;
  /** The largest WebSocket frame a client may send; a larger one closes the socket with 1009. */
  maxFrameBytes?: number;
  /** The largest a document's stored state may grow; an edit beyond it is refused (4413 document-too-large). */
  maxDocumentBytes?: number;
  /** After the last connection left a document someone wrote in, and it was stored and unloaded. */
  onEditorsLeft?: (entryId: string, lastEditor: Actor) => Promise<void>;
  /** Hocuspocus extensions, e.g. the one that keeps a document open on several replicas one document. */
  extensions?: Extension[];
}

export interface CollabServer extends Notifier, LiveTextDocuments {
  /** An open document's live state (edits not yet stored included), or null if nobody has it open. */
  stateOf(entryId: string): Uint8Array | null;
  /** Stores every open document, then closes every connection. */
  close(): Promise<void>;
  /** How many documents are open here, and how many editors are connected to them. */
  counts(): { documents: number; connections: number };
}

/** What a connection carries from its handshake to every hook. */
interface CollabContext {
  incoming: http.IncomingMessage;
  socket: WebSocket;
  roomId?: string;
  actor?: Actor;
}

type CollabConnection = Connection<CollabContext>;

/** The stored size of the editing part of a Hocuspocus message (a sync step 2 or an update); 0 for others. */
export function editBytes(message: Uint8Array): number {
  let at = 0;
  const varUint = (): number => {
    let value = 0;
    for (let shift = 0; at < message.length; shift += 7) {
      const byte = message[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return -1;
  };
  const nameLength = varUint();
  if (nameLength < 0) return 0;
  at += nameLength;
  // Message type 0 is Yjs sync; its sub-type 0 (step 1) only asks, 1 (step 2) and 2 (update) carry edits.
  if (varUint() !== 0) return 0;
  const step = varUint();
  return step === 1 || step === 2 ? Math.max(0, message.length - at) : 0;
}

/** Hocuspocus sends the `reason` of a hook's rejection to the provider as "permission denied". */
class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const asBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? new Uint8Array(Buffer.concat(data))
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * Live co-editing of text documents (Yjs, through Hocuspocus) on the
 * backend's own HTTP server, path /collab. A socket is accepted only from the
 * workspace's own origin; each document on it is opened only with a session
 * whose person the policy lets read it, read-only unless they may write.
 * Room changes re-check every open connection of that room: revoked access
 * closes it (4403 access-revoked), a lower role makes it read-only.
 */
export function startCollab(options: CollabOptions): CollabServer {
  const { logger } = options;
  const publicOrigin = new URL(options.publicUrl).origin;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 1024 * 1024 });
  const maxDocumentBytes = options.maxDocumentBytes ?? 16 * 1024 * 1024;
  /**
   * Per open document, an upper bound of its stored size: measured when an edit could pass the
   * limit, raised by each edit applied since (edits merge, so the true size is at most this).
   */
  const sizeBounds = new Map<string, number>();
  let stopping = false;
  /** Per open document, who wrote in it last: the author of the version made when everyone has left. */
  const lastEditors = new Map<string, Actor>();
  /** When each socket's edits last counted as its person's activity. */
  const activityNoted = new WeakMap<http.IncomingMessage, number>();
  const noteActivity = (incoming: http.IncomingMessage): void => {
    const now = Date.now();
    const last = activityNoted.get(incoming);
    if (!options.noteActivity || (last !== undefined && now - last < (options.activityEveryMs ?? 30_000))) return;
    activityNoted.set(incoming, now);
    options.noteActivity(incoming).catch((error: unknown) => logger.warn({ err: error }, 'activity not recorded'));
  };

  const hocuspocus = new Hocuspocus<CollabContext>({
    quiet: true,
    extensions: options.extensions ?? [],
    debounce: options.storeAfterMs ?? 2_000,
    maxDebounce: 10_000,
    async onAuthenticate({ documentName, context, connectionConfig }) {
      const actor = await options.actorOf(context.incoming);
      if (!actor) {
        refuseLater(context.socket, collabClose.unauthorized);
        throw new Refusal(collabClose.unauthorized.reason);
      }
      const openable = await openableText(options.store, actor, documentName);
      if (!openable) {
        refuseLater(context.socket, collabClose.forbidden);
        throw new Refusal(collabClose.forbidden.reason);
      }
      connectionConfig.readOnly = openable.access === 'read';
      logger.debug({ person: actor.userId, entry: documentName, access: openable.access }, 'collab document opened');
      return { roomId: openable.entry.roomId, actor };
    },
    async beforeHandleMessage({ documentName, document, update, connection, context }) {
      const incoming = connection.readOnly ? 0 : editBytes(update);
      if (incoming === 0) return;
      const bound = sizeBounds.get(documentName);
      if (bound !== undefined && bound + incoming <= maxDocumentBytes) {
        sizeBounds.set(documentName, bound + incoming);
        return;
      }
      const size = Y.encodeStateAsUpdate(document).byteLength;
      if (size + incoming <= maxDocumentBytes) {
        sizeBounds.set(documentName, size + incoming);
        return;
      }
      sizeBounds.set(documentName, size);
      logger.info(
        { entry: documentName, size, incoming, limit: maxDocumentBytes },
        'collab edit refused: document too large',
      );
      refuseLater(context.socket, collabClose.documentTooLarge);
      // Hocuspocus closes the document's connection with this code and reason, and applies nothing.
      throw Object.assign(new Refusal(collabClose.documentTooLarge.reason), collabClose.documentTooLarge);
    },
    async onLoadDocument({ documentName }) {
      return (await options.documents.load(documentName)) ?? undefined;
    },
    async onChange({ documentName, context }) {
      // Read-only connections' updates never get here; a direct connection (a restore) has no person.
      if (context.actor) {
        lastEditors.set(documentName, context.actor);
        // Writing is using the workspace: the session's idle time starts again.
        noteActivity(context.incoming);
      }
    },
    async afterUnloadDocument({ documentName }) {
      const editor = lastEditors.get(documentName);
      lastEditors.delete(documentName);
      sizeBounds.delete(documentName);
      if (!editor || stopping || !options.onEditorsLeft) return;
      options
        .onEditorsLeft(documentName, editor)
        .catch((error: unknown) => logger.warn({ err: error, entry: documentName }, 'automatic version not recorded'));
    },
    async onStoreDocument({ documentName, document }) {
      // While stopping, close() stores the final state itself.
      if (stopping) return;
      try {
        await options.documents.store(documentName, Y.encodeStateAsUpdate(document), Date.now());
      } catch (error) {
        // A document purged while open has nowhere to go; Hocuspocus would keep it in memory for good.
        if ((await options.store.read.documents.findEntry(documentName)) === undefined) return;
        throw error;
      }
    },
  });

  const connections = (): CollabConnection[] =>
    [...hocuspocus.documents.values()].flatMap((d) => d.getConnections() as CollabConnection[]);
  const onSocket = (socket: WebSocket): CollabConnection[] => connections().filter((c) => c.context.socket === socket);

  /** After a refusal (sent to the provider first), the socket goes too if no other document is open on it. */
  function refuseLater(socket: WebSocket, close: { code: number; reason: string }): void {
    setTimeout(() => {
      if (onSocket(socket).length === 0 && socket.readyState === socket.OPEN) socket.close(close.code, close.reason);
    }, 0);
  }

  function revoke(connection: CollabConnection): void {
    const socket = connection.context.socket;
    connection.readOnly = true;
    connection.close(collabClose.accessRevoked);
    // One socket may carry several documents; only a socket left empty is closed, with the code.
    if (onSocket(socket).length === 0) socket.close(collabClose.accessRevoked.code, collabClose.accessRevoked.reason);
  }

  async function recheck(connection: CollabConnection): Promise<void> {
    const actor = await options.actorOf(connection.context.incoming);
    const openable = actor ? await openableText(options.store, actor, connection.document.name) : null;
    if (!openable) {
      logger.info({ entry: connection.document.name }, 'collab access revoked');
      revoke(connection);
      return;
    }
    connection.readOnly = openable.access === 'read';
  }

  const recheckAll = (which: CollabConnection[]): void => {
    for (const connection of which) {
      recheck(connection).catch((error: unknown) => logger.warn({ err: error }, 'collab re-check failed'));
    }
  };

  // Events come in pairs (the room, the room lists) right after each commit: one re-check per room.
  const pendingRooms = new Set<string>();
  let flush: NodeJS.Timeout | undefined;
  const publish = (event: WorkspaceEvent): void => {
    if (!event.roomId || stopping) return;
    pendingRooms.add(event.roomId);
    flush ??= setTimeout(() => {
      flush = undefined;
      const rooms = new Set(pendingRooms);
      pendingRooms.clear();
      recheckAll(connections().filter((c) => c.context.roomId !== undefined && rooms.has(c.context.roomId)));
    }, 50);
  };

  const periodic = setInterval(() => recheckAll(connections()), options.recheckMs ?? 15_000);
  periodic.unref();

  const attach = (socket: WebSocket, request: http.IncomingMessage): void => {
    const url = new URL(request.url ?? collabPath, publicOrigin);
    const client = hocuspocus.handleConnection(socket, new Request(url), { incoming: request, socket });
    socket.on('message', (data, isBinary) => {
      if (isBinary && !stopping) client.handleMessage(asBytes(data));
    });
    socket.on('close', (code, reason) => client.handleClose({ code, reason: reason.toString() }));
    socket.on('error', (error) => logger.debug({ err: error }, 'collab socket error'));
  };

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    if ((request.url ?? '').split('?')[0] !== collabPath) return;
    // Browsers send their page's origin and let any page open a WebSocket anywhere, cookies included:
    // only our own origin may, or another site could edit as the visitor (cross-site WebSocket hijacking).
    if (request.headers.origin !== publicOrigin || stopping) {
      logger.warn({ origin: request.headers.origin ?? null }, 'collab connection refused: foreign origin');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws, request));
  };
  options.server.on('upgrade', onUpgrade);

  return {
    publish,
    counts: () => ({ documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount() }),
    stateOf(entryId: string): Uint8Array | null {
      const document = hocuspocus.documents.get(entryId);
      return document ? Y.encodeStateAsUpdate(document) : null;
    },
    async snapshot(entryId: string): Promise<Uint8Array> {
      const document = hocuspocus.documents.get(entryId);
      if (document) return Y.encodeStateAsUpdate(document);
      return (await options.documents.load(entryId)) ?? Y.encodeStateAsUpdate(new Y.Doc());
    },
    async replace(entryId: string, state: Uint8Array): Promise<void> {
      if (stopping) throw new Error('The collaboration server is stopping');
      // Through Hocuspocus: open editors get the change as an ordinary update, and it is stored
      // (at once when nobody else has the document open: the direct connection's end stores it).
      const direct = await hocuspocus.openDirectConnection(entryId, {} as CollabContext);
      try {
        await direct.transact((document) => options.replaceContent(document, state));
      } finally {
        await direct.disconnect();
      }
    },
    async close() {
      stopping = true;
      clearInterval(periodic);
      if (flush) clearTimeout(flush);
      options.server.off('upgrade', onUpgrade);
      // No message is applied any more (see the socket handler), so this is each document's last state.
      await Promise.all(
        [...hocuspocus.documents.values()].map((document) =>
          options.documents
            .store(document.name, Y.encodeStateAsUpdate(document), Date.now())
            .catch((error: unknown) =>
              logger.error({ err: error, entry: document.name }, 'collab document not stored'),
            ),
        ),
      );
      for (const socket of wss.clients) socket.close(collabClose.shuttingDown.code, collabClose.shuttingDown.reason);
      // Clients that do not answer the close within a second are cut off, so the HTTP server can finish.
      const until = Date.now() + 1_000;
      while (wss.clients.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
      for (const socket of wss.clients) socket.terminate();
      wss.close();
    },
  };
}
