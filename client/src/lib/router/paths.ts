/** Every page of the client. Features link to each other only by these plain paths. */
export const paths = {
  home: '/',
  status: '/status',
  /** The accessibility statement (Erklärung zur Barrierefreiheit); public, linked from every screen. */
  accessibility: '/barrierefreiheit',
  tenants: '/admin/tenants',
  people: '/admin/people',
  peopleImport: '/admin/people/import',
  /** The tenant guests the signed-in person sponsors (the sponsor's notice links here). */
  myGuests: '/gaeste',
  audit: '/admin/audit',
  /** The homeserver's sign-on comes back here (see features/chat/matrix/ssoLogin.ts). */
  chatLogin: '/chat/anmeldung',
  /** The signed-in person's chat devices: which are confirmed, and removing one. */
  chatDevices: '/chat/geraete',
  rooms: '/rooms',
  room: (roomId: string): string => `/rooms/${encodeURIComponent(roomId)}`,
  /** The room's documents (top level of its library). */
  documents: (roomId: string): string => `/rooms/${encodeURIComponent(roomId)}/documents`,
  documentsFolder: (roomId: string, folderId: string): string =>
    `/rooms/${encodeURIComponent(roomId)}/documents/folder/${encodeURIComponent(folderId)}`,
  documentsTrash: (roomId: string): string => `/rooms/${encodeURIComponent(roomId)}/documents/trash`,
  /** One document or file; the chat's link cards lead here. */
  document: (roomId: string, entryId: string): string =>
    `/rooms/${encodeURIComponent(roomId)}/documents/${encodeURIComponent(entryId)}`,
  /** Meeting policy of the tenant (meetings, guests, recording). */
  policies: '/admin/policies',
  /** A guest link's landing page; public, no sign-in. */
  guest: (token: string): string => `/guest/${encodeURIComponent(token)}`,
} as const;

function decoded(part: string | undefined): string | undefined {
  if (!part) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** What of a room's documents a path shows. */
export type DocumentsView =
  { kind: 'folder'; folderId: string | null } | { kind: 'trash' } | { kind: 'entry'; entryId: string };

const ROOM_PATH = /^\/rooms\/([^/]+)(?:\/documents(?:\/(trash)|\/folder\/([^/]+)|\/([^/]+))?)?$/;

/** The room a path shows ("/rooms/<id>", also its documents below it), or undefined for any other path. */
export function roomIdOf(pathname: string): string | undefined {
  const match = ROOM_PATH.exec(pathname);
  return decoded(match?.[1]);
}

/** The documents view a room path names ("/rooms/<id>/documents…"), or undefined for the room itself. */
export function documentsViewOf(pathname: string): DocumentsView | undefined {
  const match = ROOM_PATH.exec(pathname);
  if (!match || !pathname.includes('/documents')) return undefined;
  const [, , trash, folder, entry] = match;
  if (trash) return { kind: 'trash' };
  if (folder !== undefined) {
    const folderId = decoded(folder);
    return folderId === undefined ? undefined : { kind: 'folder', folderId };
  }
  if (entry !== undefined) {
    const entryId = decoded(entry);
    return entryId === undefined ? undefined : { kind: 'entry', entryId };
  }
  return { kind: 'folder', folderId: null };
}

/** The token of a guest link's page ("/guest/<token>"), or undefined for any other path. */
export function guestTokenOf(pathname: string): string | undefined {
  const match = /^\/guest\/([^/]+)$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
