import { NetworkError } from '@keycloak/keycloak-admin-client';

export interface KeycloakErrorInit {
  /** HTTP status of Keycloak's answer, or undefined when no answer arrived. */
  status: number | undefined;
  retryable: boolean;
  cause?: unknown;
}

/**
 * A failed call to Keycloak. `retryable` says whether repeating the same call
 * later can succeed (no answer, 5xx, 429); 4xx answers are not retryable.
 * Messages name the operation and the server, never a secret or a token.
 */
export class KeycloakError extends Error {
  override readonly name = 'KeycloakError';
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, init: KeycloakErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.retryable = init.retryable;
  }
}

export function isKeycloakError(error: unknown, status?: number): error is KeycloakError {
  return error instanceof KeycloakError && (status === undefined || error.status === status);
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** Builds the error for a non-2xx answer; `body` is the parsed JSON body or the text. */
export function errorFromResponse(operation: string, status: number, body: unknown): KeycloakError {
  const reason = reasonOf(body);
  return new KeycloakError(`${operation} failed: HTTP ${status}${reason === undefined ? '' : `: ${reason}`}`, {
    status,
    retryable: isRetryableStatus(status),
  });
}

/**
 * Translates anything a call to Keycloak threw into a KeycloakError: answers
 * of the admin client, timeouts and network failures. `target` is the server's
 * base URL, shown so an operator knows where the call went.
 */
export function toKeycloakError(operation: string, target: string, timeoutMs: number, error: unknown): KeycloakError {
  if (error instanceof KeycloakError) return error;
  if (error instanceof NetworkError) {
    return errorFromResponse(operation, error.response.status, error.responseData);
  }
  if (isTimeout(error)) {
    return new KeycloakError(`${operation}: no answer from ${target} within ${timeoutMs} ms`, {
      status: undefined,
      retryable: true,
      cause: error,
    });
  }
  if (isFetchFailure(error)) {
    return new KeycloakError(`${operation}: ${describeNetworkFailure(error, target)}`, {
      status: undefined,
      retryable: true,
      cause: error,
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new KeycloakError(`${operation} failed: ${truncate(text)}`, {
    status: undefined,
    retryable: false,
    cause: error,
  });
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Node's fetch rejects with a TypeError "fetch failed" whose cause carries the system error. */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'fetch failed' || systemErrorCode(error) !== undefined);
}

/** Turns Node's "fetch failed" into words an operator can act on. */
export function describeNetworkFailure(error: unknown, target: string): string {
  const code = systemErrorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused at ${target}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host of ${target} not found (DNS)`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection to ${target} was closed unexpectedly`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${target} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${target} is unreachable`;
    case undefined: {
      const reason = innermostMessage(error);
      // Fetch refuses some ports (e.g. 1, 25, 6000) without trying to connect.
      if (reason === 'bad port') return `${target} uses a port that fetch refuses to connect to (bad port)`;
      return reason === undefined ? `request to ${target} failed` : `request to ${target} failed: ${truncate(reason)}`;
    }
    default:
      return `request to ${target} failed (${code})`;
  }
}

function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) {
      current = record.errors[0];
      continue;
    }
    current = record.cause;
  }
  return undefined;
}

/** Message of the deepest cause below Node's generic "fetch failed". */
function innermostMessage(error: unknown): string | undefined {
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current.message !== '' && current.message !== 'fetch failed') message = current.message;
    current = current.cause;
  }
  return message;
}

/** Keycloak answers with `errorMessage`, or `error` and `error_description`. */
function reasonOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : truncate(body.trim());
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const parts = [record.errorMessage, record.error, record.error_description].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length === 0 ? undefined : truncate(parts.join(': '));
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
