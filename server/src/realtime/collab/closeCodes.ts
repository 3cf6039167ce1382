/**
 * How the collaboration server ends a WebSocket, as the client tells them
 * apart (the client's copy must stay equal; docs/adr/0016). 4401/4403 follow
 * HTTP's 401/403, as Hocuspocus' own codes do.
 */
export const collabClose = {
  /** No valid session at connect time: sign in again. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The document cannot be opened by this person (or does not exist). */
  forbidden: { code: 4403, reason: 'forbidden' },
  /** Access was taken away while the document was open (removed from the room, session ended, …). */
  accessRevoked: { code: 4403, reason: 'access-revoked' },
  /** A frame above COLLAB_MAX_FRAME_BYTES: the WebSocket's own "message too big" (sent by `ws`). */
  frameTooLarge: { code: 1009, reason: 'Max payload size exceeded' },
  /** The edit would make the document larger than COLLAB_MAX_DOCUMENT_BYTES; it is not applied. */
  documentTooLarge: { code: 4413, reason: 'document-too-large' },
  /** The server is stopping; the client reconnects. */
  shuttingDown: { code: 1001, reason: 'server-shutdown' },
} as const;

/** The WebSocket's path on the backend's own HTTP server. */
export const collabPath = '/collab';
