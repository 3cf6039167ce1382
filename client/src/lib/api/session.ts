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

export const SECOND_FACTOR_REASONS = ['platform-admin', 'tenant-admin', 'tenant-policy'] as const;
/** Why a person needs a second factor their session was not signed in with. */
export type SecondFactorReason = (typeof SECOND_FACTOR_REASONS)[number];

/** Whether the session was signed in with a second factor; what it lacks because it was not (the actor holds less). */
export interface SecondFactorState {
  used: boolean;
  missing: SecondFactorReason | null;
}

export type SessionInfo =
  | { authenticated: false }
  | {
      authenticated: true;
      actor: Actor;
      csrfToken: string;
      secondFactor: SecondFactorState;
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
  const factor = record(b.secondFactor ?? {});
  return {
    authenticated: true,
    actor: parseActor(b.actor),
    csrfToken: text(b.csrfToken),
    secondFactor: {
      used: factor.used === true,
      missing:
        factor.missing === null || factor.missing === undefined ? null : oneOf(SECOND_FACTOR_REASONS, factor.missing),
    },
    ...(idleMinutes === undefined ? {} : { idleMinutes }),
  };
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
  return text(record(body).redirect);
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
