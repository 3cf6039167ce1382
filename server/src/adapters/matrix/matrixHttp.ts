import { MatrixError, errorFromFailure, errorFromResponse, isMatrixError } from './matrixErrors.js';

export interface MatrixHttpOptions {
  homeserverUrl: string;
  asToken: string;
  /** Access token of a homeserver admin, for the Synapse admin API; optional. */
  adminToken?: string | undefined;
  timeoutMs: number;
}

export interface MatrixRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below /_matrix/client/v3, e.g. `/rooms/${segment(roomId)}/state`; or below /_synapse/admin with `admin`. */
  path: string;
  /** Call the Synapse admin API with the admin token instead of the client API. */
  admin?: boolean;
  /**
   * Call the Synapse admin API as the service's bot (with the application service token; the bot
   * is a server admin). For what the admin must do from inside a room, such as joining a person.
   */
  botAdmin?: boolean;
  body?: unknown;
}

export interface ProbeResult {
  status: number;
  text: string;
}

const CLIENT_API = '/_matrix/client/v3';

/** Encodes one path segment (room id, user id, alias, event type). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Plain fetch against the client-server API, authenticated with the
 * application service token. The token travels only in the Authorization
 * header and is scrubbed from every message this class produces.
 */
export class MatrixHttp {
  /** The homeserver's base URL without credentials or trailing slash; safe to show. */
  readonly target: string;
  private readonly base: string;
  private readonly asToken: string;
  private readonly adminToken: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: MatrixHttpOptions) {
    const url = new URL(options.homeserverUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    this.base = url.href.replace(/\/+$/, '');
    this.target = this.base;
    this.asToken = options.asToken;
    this.adminToken = options.adminToken;
    this.timeoutMs = options.timeoutMs;
  }

  /** Calls the client-server API and returns the parsed JSON body of a 2xx answer. */
  async call(request: MatrixRequest): Promise<unknown> {
    if (request.admin === true && !this.adminToken) {
      throw new MatrixError(
        `${request.method} /_synapse/admin${request.path}: no admin token is configured (MATRIX_ADMIN_TOKEN)`,
        {
          status: undefined,
          errcode: 'M_FORBIDDEN',
          retryable: false,
        },
      );
    }
    const path = (request.admin === true || request.botAdmin === true ? '/_synapse/admin' : CLIENT_API) + request.path;
    const operation = `${request.method} ${path}`;
    const url = new URL(this.base + path);

    const token = request.admin === true ? (this.adminToken as string) : this.asToken;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }

    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect is never followed (it would carry the token elsewhere); a 3xx is an error.
        redirect: 'manual',
      });
      const text = await response.text();
      const json = parseJson(text);
      if (!response.ok) {
        throw errorFromResponse(operation, response.status, json, response.headers.get('retry-after'));
      }
      return json;
    } catch (error) {
      throw this.scrub(
        error instanceof MatrixError ? error : errorFromFailure(operation, this.target, this.timeoutMs, error),
      );
    }
  }

  /** Unauthenticated GET of a path on the homeserver (health probes). */
  async probe(path: string): Promise<ProbeResult> {
    try {
      const response = await fetch(this.base + path, {
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      throw this.scrub(errorFromFailure(`GET ${path}`, this.target, this.timeoutMs, error));
    }
  }

  private scrub<E extends Error>(error: E): E {
    for (const secret of [this.asToken, this.adminToken]) {
      if (secret && error.message.includes(secret)) error.message = error.message.replaceAll(secret, '<redacted>');
    }
    return error;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Deactivates an account through Synapse's admin API (every device logged out); with `erase`, it is
 * also marked erased (its events redacted for new readers). Safe to repeat; an account never made
 * is no error.
 */
export async function deactivateAccount(http: MatrixHttp, user: string, erase: boolean): Promise<void> {
  try {
    await http.call({ method: 'POST', admin: true, path: `/v1/deactivate/${segment(user)}`, body: { erase } });
  } catch (error) {
    if (isMatrixError(error, 'M_NOT_FOUND')) return;
    throw error;
  }
}
