import type { ChatCredentials } from './chatSession';
import { tokensOf } from './chatTokens';

/** The homeserver as the server publishes it at /api/client-config. */
export interface ChatServer {
  homeserverUrl: string;
  serverName: string;
  identityProviderId: string;
  serviceUserId: string;
}

/** Where the homeserver sends the browser back with a one-time login token. */
export const CHAT_LOGIN_PATH = '/chat/anmeldung';

const RETURN_KEY = 'arbeitsbereich.chat.returnTo';
const ATTEMPT_KEY = 'arbeitsbereich.chat.loginAttempt';
const CREDENTIALS_KEY = 'arbeitsbereich.chat.device';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The homeserver's single sign-on with the workspace's own Keycloak: the
 * browser already has a Keycloak session, so the round trip asks nothing and
 * comes back to `CHAT_LOGIN_PATH` with a login token.
 */
export function ssoRedirectUrl(server: ChatServer, origin: string): string {
  const back = `${trimSlash(origin)}${CHAT_LOGIN_PATH}`;
  const idp = encodeURIComponent(server.identityProviderId);
  return `${trimSlash(server.homeserverUrl)}/_matrix/client/v3/login/sso/redirect/${idp}?redirectUrl=${encodeURIComponent(back)}`;
}

/** Leaves for the homeserver's sign-on; `returnTo` is where the browser lands afterwards. */
export function beginChatLogin(server: ChatServer, returnTo: string): void {
  sessionStorage.setItem(RETURN_KEY, returnTo);
  sessionStorage.setItem(ATTEMPT_KEY, String(Date.now()));
  window.location.assign(ssoRedirectUrl(server, window.location.origin));
}

/** Whether a sign-on was started in the last minute (so a failing one is not repeated in a loop). */
export function recentLoginAttempt(now = Date.now()): boolean {
  const at = Number(sessionStorage.getItem(ATTEMPT_KEY) ?? 0);
  return now - at < 60_000;
}

export function takeReturnPath(): string {
  const to = sessionStorage.getItem(RETURN_KEY) ?? '/';
  sessionStorage.removeItem(RETURN_KEY);
  // Only our own paths: never an absolute URL someone put there.
  return to.startsWith('/') && !to.startsWith('//') ? to : '/';
}

interface LoginResponse {
  user_id?: unknown;
  access_token?: unknown;
  device_id?: unknown;
  refresh_token?: unknown;
  expires_in_ms?: unknown;
}

export class ChatLoginError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string | undefined,
  ) {
    super(`chat login failed (${status}${errcode ? ` ${errcode}` : ''})`);
  }
}

/**
 * Trades the one-time login token for a new device of this browser, with an access token that
 * expires and a refresh token to renew it (ADR 0029).
 */
export async function completeChatLogin(
  server: ChatServer,
  loginToken: string,
  deviceName: string,
  fetchFn: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<ChatCredentials> {
  const response = await fetchFn(`${trimSlash(server.homeserverUrl)}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'm.login.token',
      token: loginToken,
      initial_device_display_name: deviceName,
      refresh_token: true,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as LoginResponse & { errcode?: unknown };
  if (!response.ok) {
    throw new ChatLoginError(response.status, typeof body.errcode === 'string' ? body.errcode : undefined);
  }
  const { user_id, device_id } = body;
  const tokens = tokensOf(body, now());
  if (typeof user_id !== 'string' || typeof device_id !== 'string' || tokens === undefined) {
    throw new ChatLoginError(response.status, 'M_BAD_JSON');
  }
  sessionStorage.removeItem(ATTEMPT_KEY);
  return { homeserverUrl: server.homeserverUrl, userId: user_id, deviceId: device_id, ...tokens };
}

/** The Matrix user a workspace person signs in as (Synapse maps Keycloak's username to the localpart). */
export function expectedUserId(username: string, serverName: string): string {
  return `@${username.toLowerCase()}:${serverName}`;
}

export function parseCredentials(raw: string | null): ChatCredentials | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof ChatCredentials, unknown>>;
    if (
      typeof v.homeserverUrl === 'string' &&
      typeof v.userId === 'string' &&
      typeof v.deviceId === 'string' &&
      typeof v.accessToken === 'string'
    ) {
      // A device stored before tokens expired has neither: its token keeps working until the
      // workspace session it is tied to ends (ADR 0029).
      return {
        homeserverUrl: v.homeserverUrl,
        userId: v.userId,
        deviceId: v.deviceId,
        accessToken: v.accessToken,
        ...(typeof v.refreshToken === 'string' ? { refreshToken: v.refreshToken } : {}),
        ...(typeof v.expiresAt === 'number' ? { expiresAt: v.expiresAt } : {}),
      };
    }
  } catch {
    // A damaged entry is treated as none: the next sign-on writes a new one.
  }
  return undefined;
}

/** This browser's chat device for `userId` on `homeserverUrl`, if it has one. */
export function loadDevice(server: ChatServer, userId: string): ChatCredentials | undefined {
  const device = parseCredentials(localStorage.getItem(CREDENTIALS_KEY));
  if (!device || device.userId !== userId || trimSlash(device.homeserverUrl) !== trimSlash(server.homeserverUrl)) {
    return undefined;
  }
  return device;
}

/** Keeps the device (and its newest tokens) for the next visit and this browser's other tabs. */
export function saveDevice(device: ChatCredentials): void {
  localStorage.setItem(CREDENTIALS_KEY, JSON.stringify(device));
}

export function forgetDevice(): ChatCredentials | undefined {
  const device = parseCredentials(localStorage.getItem(CREDENTIALS_KEY));
  localStorage.removeItem(CREDENTIALS_KEY);
  return device;
}
