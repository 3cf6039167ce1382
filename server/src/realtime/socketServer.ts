import type { RealtimeEvent } from '@arbeitsbereich/contract';
import type http from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Actor } from '../domain/actor.js';
import type { Notifier, WorkspaceEvent } from '../domain/ports/notifier.js';

export interface RealtimeOptions {
  server: http.Server;
  /** The person a handshake's session cookie belongs to. */
  actorOf: (req: http.IncomingMessage) => Promise<Actor | undefined>;
  publicUrl: string;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** How often open sockets re-check their session (ended sessions are disconnected). */
  recheckMs?: number;
}

const personRoom = (personId: string) => `person:${personId}`;
const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;

/**
 * Live updates over socket.io. A socket is admitted only with a valid session
 * and is placed by the server into its person's and its tenant's channels;
 * clients have no way to subscribe to anything else, so no event crosses a
 * tenant. Events carry ids only: clients fetch what changed through the API,
 * which applies the policy.
 */
export function startRealtime(
  options: RealtimeOptions,
): Notifier & { close: () => Promise<void>; connections: () => number } {
  const publicOrigin = new URL(options.publicUrl).origin;
  const io = new Server(options.server, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: publicOrigin, credentials: true },
    // CORS does not guard WebSockets: a page of any site may open one here, with the visitor's cookie.
    // A browser names that page's origin, so a foreign one is refused before the handshake. Without an
    // Origin the caller is no browser of another site (same-origin polling requests may omit it).
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined || origin === publicOrigin) {
        callback(null, true);
        return;
      }
      options.logger.warn({ origin }, 'live updates connection refused: foreign origin');
      callback('foreign origin', false);
    },
  });

  io.use((socket, next) => {
    options
      .actorOf(socket.request)
      .then((actor) => {
        if (!actor) {
          next(new Error('unauthorized'));
          return;
        }
        socket.data.actor = actor;
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });

  io.on('connection', (socket) => {
    const actor = socket.data.actor as Actor;
    if (actor.userId) void socket.join(personRoom(actor.userId));
    // Guests see only their own rooms, so tenant-wide news (open rooms) is not for them.
    if (actor.tenantId && actor.tenantRole !== 'guest') void socket.join(tenantRoom(actor.tenantId));
    options.logger.debug({ person: actor.userId }, 'socket connected');
  });

  // A session that ends (sign-out, deactivation, back-channel logout) loses its socket too.
  const recheck = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      options
        .actorOf(socket.request)
        .then((actor) => {
          if (!actor) socket.disconnect(true);
        })
        .catch(() => undefined);
    }
  }, options.recheckMs ?? 15_000);
  recheck.unref();

  return {
    publish(event: WorkspaceEvent) {
      const payload: RealtimeEvent = {
        type: event.type,
        tenantId: event.tenantId,
        ...(event.roomId ? { roomId: event.roomId } : {}),
      };
      const targets = event.personIds.map(personRoom);
      if (event.tenantWide) targets.push(tenantRoom(event.tenantId));
      if (targets.length > 0) io.to(targets).emit(event.type, payload);
    },
    connections: () => io.engine.clientsCount,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(recheck);
        void io.close(() => resolve());
      }),
  };
}
