import { KeycloakError, errorFromResponse, toKeycloakError } from './keycloakErrors.js';
import { parseBody, property } from './keycloakHttp.js';

export interface ClientCredentialsOptions {
  /** Keycloak's base URL, normalized (no trailing slash). */
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** A token is renewed this long before it expires; one living under a minute at half its lifetime. */
const RENEW_BEFORE_EXPIRY_MS = 30_000;

/**
 * Access token of a confidential client, obtained with the client credentials
 * grant and renewed before it expires. Concurrent callers share one request.
 * The secret travels only in the Authorization header of the token request.
 */
export class ClientCredentialsToken {
  readonly #options: ClientCredentialsOptions;
  #current: { token: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: ClientCredentialsOptions) {
    this.#options = options;
  }

  get(): Promise<string> {
    if (this.#current !== undefined && Date.now() < this.#current.renewAt) {
      return Promise.resolve(this.#current.token);
    }
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets the token, e.g. after Keycloak rejected it. */
  invalidate(): void {
    this.#current = undefined;
  }

  async #request(): Promise<string> {
    const { baseUrl, realm, clientId, clientSecret, timeoutMs } = this.#options;
    const operation = `token request of client ${clientId}`;
    const url = `${baseUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
    // RFC 6749 section 2.3.1: id and secret are form-encoded before Basic encoding.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const startedAt = Date.now();

    let status: number;
    let body: unknown;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
        // Never to another host with the client secret: a 3xx answer is an error.
        redirect: 'manual',
      });
      status = response.status;
      body = parseBody(await response.text());
    } catch (error) {
      throw toKeycloakError(operation, baseUrl, timeoutMs, error);
    }

    if (status < 200 || status >= 300) throw errorFromResponse(operation, status, body);
    const token = property(body, 'access_token');
    const expiresIn = property(body, 'expires_in');
    if (typeof token !== 'string' || typeof expiresIn !== 'number') {
      throw new KeycloakError(`${operation}: answer holds no access token`, { status, retryable: false });
    }
    const lifetimeMs = expiresIn * 1000;
    const renewAfterMs = Math.max(lifetimeMs - RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2);
    this.#current = { token, renewAt: startedAt + renewAfterMs };
    return token;
  }
}
