import type { CookieOptions, Request } from 'express';

/** The session cookie over plain HTTP (local development and the test stacks). */
export const SESSION_COOKIE = 'ws_session';
/**
 * Over HTTPS: the `__Host-` prefix makes browsers take the cookie only when it
 * is Secure, has Path=/ and no Domain, so no subdomain or plain-HTTP page can
 * set or overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-ws_session';

/** The session cookie's name for a workspace served over HTTPS (`secure`) or not. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}
/** The sign-in cookie over plain HTTP. */
export const LOGIN_COOKIE = 'ws_login';
/**
 * Over HTTPS: the `__Secure-` prefix makes browsers take the cookie only when it is Secure, so a
 * plain-HTTP page cannot set it. (It has Path=/auth, which `__Host-` would not allow.)
 */
export const SECURE_LOGIN_COOKIE = '__Secure-ws_login';

/** The sign-in cookie's name for a workspace served over HTTPS (`secure`) or not. */
export function loginCookieName(secure: boolean): string {
  return secure ? SECURE_LOGIN_COOKIE : LOGIN_COOKIE;
}

/**
 * What the browser is told to drop on sign-out (Clear-Site-Data): its HTTP cache and the
 * origin's storage, the chat device's key database in IndexedDB included. Not "cookies": that
 * clears the cookies of the whole registrable domain (the identity provider's and other
 * services' on the same domain too); the session cookie is cleared by name.
 */
export const SIGN_OUT_CLEAR_SITE_DATA = '"cache", "storage"';

/** Reads one cookie from the Cookie header (no cookie-parser needed for two names). */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, Path=/, no Domain; Secure when the workspace is served over HTTPS. */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure };
}

/**
 * The sign-in cookie binds a pending sign-in to the browser. Lax, because the
 * callback is a top-level navigation from the identity provider; only sent to
 * /auth; lives as long as a sign-in may take.
 */
export function loginCookieOptions(secure: boolean, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/auth', secure, maxAge: maxAgeMs };
}
