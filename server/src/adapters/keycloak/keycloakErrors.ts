import { NetworkError } from '@keycloak/keycloak-admin-client';
import { describeNetworkFailure, isTimeout, systemErrorCode, truncate } from '../shared/networkFailure.js';

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

/** Node's fetch rejects with a TypeError "fetch failed" whose cause carries the system error. */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'fetch failed' || systemErrorCode(error) !== undefined);
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
