/** What a signed-in chat device is: the homeserver, the account and the device's tokens. */
export interface ChatCredentials {
  homeserverUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  /** Renews the access token (ADR 0029); absent on a device signed in before tokens expired. */
  refreshToken?: string;
  /** When the access token expires, in ms since the epoch; absent: it does not. */
  expiresAt?: number;
}

/** An access token that expires within this time is refreshed before the next request. */
export const REFRESH_BEFORE_MS = 60_000;

/** Where a device's tokens are kept: the browser's storage, shared by its tabs. */
export interface ChatTokenStore {
  /** The device as stored now (another tab may have refreshed its tokens), or undefined if none is. */
  load(): ChatCredentials | undefined;
  save(device: ChatCredentials): void;
}

export interface ChatTokenKeeperDeps {
  store: ChatTokenStore;
  fetchFn?: typeof fetch;
  now?: () => number;
  /** Runs a refresh alone among this browser's tabs; default: the Web Locks API where there is one. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Told the new tokens after each refresh. */
  onRefreshed?: (device: ChatCredentials) => void;
}

/** The homeserver refused the refresh token: the device is logged out (or its refresh token expired). */
export class ChatTokensRefused extends Error {
  constructor(readonly status: number) {
    super(`chat token refresh refused (${status})`);
    this.name = 'ChatTokensRefused';
  }
}

interface RefreshResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in_ms?: unknown;
}

const LOCK_NAME = 'arbeitsbereich.chat.tokenRefresh';

function webLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request(LOCK_NAME, work) as Promise<T>) : work();
}

/** The tokens of a login or refresh response, as the device keeps them. */
export function tokensOf(
  body: RefreshResponse,
  now: number,
): Pick<ChatCredentials, 'accessToken' | 'refreshToken' | 'expiresAt'> | undefined {
  if (typeof body.access_token !== 'string') return undefined;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.expires_in_ms === 'number' ? { expiresAt: now + body.expires_in_ms } : {}),
  };
}

/**
 * Keeps a chat device's access token fresh (ADR 0029). The homeserver hands out access tokens of
 * a few minutes with a refresh token; matrix-js-sdk refreshes only tokens of OAuth 2.0 sessions,
 * so the device's requests go through `fetch` here: each carries the current access token, one
 * that is about to expire is refreshed first, and a request refused because its token expired is
 * sent once more with a refreshed one. The rotated tokens are stored at once; tabs of one browser
 * refresh one at a time and take each other's fresh tokens from the store.
 */
export class ChatTokenKeeper {
  #device: ChatCredentials;
  #refreshing: Promise<string> | undefined;
  readonly #store: ChatTokenStore;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  readonly #onRefreshed: ((device: ChatCredentials) => void) | undefined;

  constructor(device: ChatCredentials, deps: ChatTokenKeeperDeps) {
    this.#device = device;
    this.#store = deps.store;
    this.#fetch = deps.fetchFn ?? ((input, init) => fetch(input, init));
    this.#now = deps.now ?? Date.now;
    this.#exclusive = deps.exclusive ?? webLock;
    this.#onRefreshed = deps.onRefreshed;
  }

  get device(): ChatCredentials {
    return this.#device;
  }

  /** The access token, refreshed first when it expires within a minute. */
  async fresh(): Promise<string> {
    const { accessToken, refreshToken, expiresAt } = this.#device;
    if (refreshToken === undefined || expiresAt === undefined) return accessToken;
    if (expiresAt - this.#now() > REFRESH_BEFORE_MS) return accessToken;
    return this.refresh(accessToken);
  }

  /** Trades the refresh token for new tokens, once for all callers that found `stale` wanting. */
  refresh(stale: string): Promise<string> {
    this.#refreshing ??= this.#exclusive(() => this.#refresh(stale)).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(stale: string): Promise<string> {
    const stored = this.#store.load();
    const mine = stored?.deviceId === this.#device.deviceId ? stored : undefined;
    // Another tab refreshed meanwhile: its tokens are the current ones (the old refresh token is spent).
    if (
      mine !== undefined &&
      mine.accessToken !== stale &&
      (mine.expiresAt === undefined || mine.expiresAt - this.#now() > REFRESH_BEFORE_MS)
    ) {
      this.#adopt(mine);
      return mine.accessToken;
    }
    const current = mine ?? this.#device;
    if (current.refreshToken === undefined) throw new ChatTokensRefused(401);
    const response = await this.#fetch(`${current.homeserverUrl.replace(/\/+$/, '')}/_matrix/client/v3/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: current.refreshToken }),
    });
    if (response.status === 401 || response.status === 403) throw new ChatTokensRefused(response.status);
    if (!response.ok) throw new Error(`chat token refresh failed (${response.status})`);
    const tokens = tokensOf((await response.json()) as RefreshResponse, this.#now());
    if (tokens === undefined) throw new Error('chat token refresh: no access token in the answer');
    // A homeserver that rotates nothing leaves the refresh token as it was.
    const refreshToken = tokens.refreshToken ?? current.refreshToken;
    const next: ChatCredentials = {
      homeserverUrl: current.homeserverUrl,
      userId: current.userId,
      deviceId: current.deviceId,
      accessToken: tokens.accessToken,
      refreshToken,
      ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }),
    };
    this.#store.save(next);
    this.#adopt(next);
    return next.accessToken;
  }

  #adopt(device: ChatCredentials): void {
    this.#device = device;
    this.#onRefreshed?.(device);
  }

  /**
   * `fetch` for the chat client: requests with the device's token carry the current one; a
   * request refused because the token expired (`soft_logout`) is repeated once after a refresh.
   * A device that was logged out, or whose refresh token is refused, gets the homeserver's
   * refusal as it is.
   */
  readonly fetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.get('Authorization')?.startsWith('Bearer ')) return this.#fetch(input, init);
    const send = (token: string) => {
      headers.set('Authorization', `Bearer ${token}`);
      return this.#fetch(input, { ...init, headers });
    };
    const token = await this.fresh().catch(() => this.#device.accessToken);
    const response = await send(token);
    if (response.status !== 401 || this.#device.refreshToken === undefined) return response;
    const refusal = (await response
      .clone()
      .json()
      .catch(() => undefined)) as { errcode?: unknown; soft_logout?: unknown } | undefined;
    if (refusal?.errcode !== 'M_UNKNOWN_TOKEN' || refusal.soft_logout !== true) return response;
    let renewed: string;
    try {
      renewed = await this.refresh(token);
    } catch (error) {
      // Refused: the device is logged out, as the homeserver said. Otherwise the homeserver could
      // not be reached: the client takes it as a connection problem and tries again later.
      if (error instanceof ChatTokensRefused) return response;
      throw error;
    }
    return send(renewed);
  };
}
