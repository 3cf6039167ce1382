import { getJson, sendJson } from './http';
import { record, text, textOrNull, oneOf } from './shape';

export const TENANT_ROLES = ['tenant-admin', 'member', 'guest'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Who is signed in, as the server established it. */
export interface Actor {
  userId: string | null;
  subject: string;
  username: string;
  displayName: string;
  tenantId: string | null;
  tenantRole: TenantRole | null;
  platformAdmin: boolean;
}

export type SessionInfo =
  | { authenticated: false }
  | {
      authenticated: true;
      actor: Actor;
      csrfToken: string;
      /** After this long without a request of the person, the server ends the session. */
      idleMinutes?: number;
    };

function parseActor(value: unknown): Actor {
  const a = record(value);
  return {
    userId: textOrNull(a.userId),
    subject: text(a.subject),
    username: text(a.username),
    displayName: typeof a.displayName === 'string' ? a.displayName : '',
    tenantId: textOrNull(a.tenantId),
    tenantRole: a.tenantRole === null || a.tenantRole === undefined ? null : oneOf(TENANT_ROLES, a.tenantRole),
    platformAdmin: a.platformAdmin === true,
  };
}

export function parseSession(body: unknown): SessionInfo {
  const b = record(body);
  if (b.authenticated !== true) return { authenticated: false };
  const idleMinutes = typeof b.idleMinutes === 'number' && b.idleMinutes > 0 ? b.idleMinutes : undefined;
  return {
    authenticated: true,
    actor: parseActor(b.actor),
    csrfToken: text(b.csrfToken),
    ...(idleMinutes === undefined ? {} : { idleMinutes }),
  };
}

/** GET /api/session: whether this browser is signed in, and as whom. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const { body } = await getJson('/api/session', signal ? { signal } : {});
  return parseSession(body);
}

/** POST /auth/logout; answers where the browser goes next (the identity provider's sign-out). */
export async function signOut(csrfToken: string): Promise<string> {
  const { body } = await sendJson('POST', '/auth/logout', { csrfToken });
  return text(record(body).redirect);
}

/** Where the browser goes to sign in; it comes back to `returnTo` with a session. */
export function signInUrl(returnTo: string, language: string): string {
  const params = new URLSearchParams({ returnTo, lang: language });
  return `/auth/login?${params.toString()}`;
}
