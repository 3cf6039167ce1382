import { logoutOut, session, type SessionInfo } from '@arbeitsbereich/contract';
import { getJson, sendJson } from './http';
import { parseWith } from './parse';

export function parseSession(body: unknown): SessionInfo {
  return parseWith(session, body);
}

/**
 * GET /api/session: whether this browser is signed in, and as whom. `renew`: the person is
 * using the page, so the request renews the session although it is not a click's own.
 */
export async function fetchSession(
  signal?: AbortSignal,
  { renew = false }: { renew?: boolean } = {},
): Promise<SessionInfo> {
  const { body } = await getJson('/api/session', {
    ...(signal ? { signal } : {}),
    ...(renew ? { activity: true } : {}),
  });
  return parseSession(body);
}

/** POST /auth/logout; answers where the browser goes next (the identity provider's sign-out). */
export async function signOut(csrfToken: string): Promise<string> {
  const { body } = await sendJson('POST', '/auth/logout', { csrfToken });
  return parseWith(logoutOut, body).redirect;
}

/**
 * Where the browser goes to sign in; it comes back to `returnTo` with a session. With
 * `secondFactor`, the identity provider asks for the second factor (an admin confirming it).
 */
export function signInUrl(returnTo: string, language: string, secondFactor = false): string {
  const params = new URLSearchParams({ returnTo, lang: language });
  if (secondFactor) params.set('secondFactor', '1');
  return `/auth/login?${params.toString()}`;
}
