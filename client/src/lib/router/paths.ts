/** Every page of the client. Features link to each other only by these plain paths. */
export const paths = {
  home: '/',
  status: '/status',
  tenants: '/admin/tenants',
  people: '/admin/people',
  peopleImport: '/admin/people/import',
  audit: '/admin/audit',
  /** The homeserver's sign-on comes back here (see features/chat/matrix/ssoLogin.ts). */
  chatLogin: '/chat/anmeldung',
  rooms: '/rooms',
  room: (roomId: string): string => `/rooms/${encodeURIComponent(roomId)}`,
  /** Meeting policy of the tenant (meetings, guests, recording). */
  policies: '/admin/policies',
  /** A guest link's landing page; public, no sign-in. */
  guest: (token: string): string => `/guest/${encodeURIComponent(token)}`,
} as const;

/** The room a path shows ("/rooms/<id>"), or undefined for any other path. */
export function roomIdOf(pathname: string): string | undefined {
  const match = /^\/rooms\/([^/]+)$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
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
