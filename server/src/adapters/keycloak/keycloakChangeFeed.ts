import type { IdentityChangeFeed, IdentityUserChange } from '../../domain/ports/identity.js';
import { KeycloakError, errorFromResponse, toKeycloakError } from './keycloakErrors.js';
import { normalizeBaseUrl, parseBody, property } from './keycloakHttp.js';
import { ClientCredentialsToken } from './keycloakToken.js';

export interface KeycloakChangeFeedOptions {
  baseUrl: string;
  realm: string;
  /** Confidential client whose service account holds realm-management's view-events and manage-users. */
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const USER_PATH = /^users\/([0-9A-Za-z-]+)$/;

/**
 * Keycloak's admin events (realm setting "Save admin events", with
 * representations) as a feed of user changes, and the admin API's
 * "log out user". Keycloak does not send back-channel logouts when a user is
 * disabled (keycloak/keycloak#37981); ending the sessions through the admin
 * API does, to every client with a back-channel logout URL.
 */
export class KeycloakChangeFeed implements IdentityChangeFeed {
  readonly #token: ClientCredentialsToken;
  readonly #adminUrl: string;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;

  constructor(options: KeycloakChangeFeedOptions) {
    this.#baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#adminUrl = `${this.#baseUrl}/admin/realms/${encodeURIComponent(options.realm)}`;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#token = new ClientCredentialsToken({
      baseUrl: this.#baseUrl,
      realm: options.realm,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs: this.#timeoutMs,
    });
  }

  async userChangesSince(since: number, max: number): Promise<IdentityUserChange[]> {
    const query = new URLSearchParams({
      resourceTypes: 'USER',
      dateFrom: String(Math.max(0, Math.floor(since))),
      direction: 'asc',
      first: '0',
      max: String(max),
    });
    query.append('operationTypes', 'UPDATE');
    query.append('operationTypes', 'DELETE');
    const body = await this.#request('GET', `/admin-events?${query.toString()}`, 'read admin events');
    if (!Array.isArray(body)) {
      throw new KeycloakError('read admin events: answer is not a list', { status: undefined, retryable: true });
    }
    const changes: IdentityUserChange[] = [];
    for (const event of body) {
      const change = toUserChange(event);
      if (change !== undefined) changes.push(change);
    }
    return changes.sort((a, b) => a.time - b.time);
  }

  async isUserEnabled(userId: string): Promise<boolean | undefined> {
    try {
      const user = await this.#request('GET', `/users/${encodeURIComponent(userId)}`, `read user ${userId}`);
      return property(user, 'enabled') === true;
    } catch (error) {
      if (error instanceof KeycloakError && error.status === 404) return undefined;
      throw error;
    }
  }

  async endUserSessions(userId: string): Promise<void> {
    await this.#request('POST', `/users/${encodeURIComponent(userId)}/logout`, `log out user ${userId}`);
  }

  /** One admin API request; a rejected token (401, e.g. after a Keycloak restart) is renewed once. */
  async #request(method: string, path: string, operation: string): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      let status: number;
      let body: unknown;
      try {
        const response = await fetch(`${this.#adminUrl}${path}`, {
          method,
          headers: { Authorization: `Bearer ${await this.#token.get()}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(this.#timeoutMs),
          redirect: 'manual',
        });
        status = response.status;
        body = parseBody(await response.text());
      } catch (error) {
        throw toKeycloakError(operation, this.#baseUrl, this.#timeoutMs, error);
      }
      if (status === 401 && attempt === 1) {
        this.#token.invalidate();
        continue;
      }
      if (status < 200 || status >= 300) {
        const error = errorFromResponse(operation, status, body);
        if (status === 403) {
          throw new KeycloakError(
            `${error.message} (the service account needs the realm-management roles view-events and manage-users)`,
            { status, retryable: false },
          );
        }
        throw error;
      }
      return body;
    }
  }
}

/** An admin event about a user (`users/{id}`), or undefined for anything else. */
function toUserChange(event: unknown): IdentityUserChange | undefined {
  const resourcePath = property(event, 'resourcePath');
  const operation = property(event, 'operationType');
  const time = property(event, 'time');
  if (typeof resourcePath !== 'string' || typeof time !== 'number') return undefined;
  const match = USER_PATH.exec(resourcePath);
  if (match === null) return undefined;
  const userId = match[1]!;
  const givenId = property(event, 'id');
  // Older Keycloak versions have no event id; time, operation and path identify the event well enough.
  const id = typeof givenId === 'string' && givenId !== '' ? givenId : `${time}:${String(operation)}:${resourcePath}`;
  if (operation === 'DELETE') return { id, time, userId, kind: 'deleted' };
  if (operation !== 'UPDATE') return undefined;
  const change: IdentityUserChange = { id, time, userId, kind: 'updated' };
  const representation = property(event, 'representation');
  if (typeof representation === 'string') {
    const enabled = property(parseBody(representation), 'enabled');
    if (typeof enabled === 'boolean') change.enabled = enabled;
  }
  return change;
}
