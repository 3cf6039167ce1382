import { describeNetworkFailure, isTimeout } from '../shared/networkFailure.js';

/** errcode of a failure where no HTTP answer arrived (refused, reset, unknown host). */
export const NETWORK_ERRCODE = 'NETWORK_ERROR';
/** errcode of a request that got no complete answer within the timeout. */
export const TIMEOUT_ERRCODE = 'TIMEOUT';

export interface MatrixErrorInit {
  /** HTTP status, or undefined when no answer arrived. */
  status: number | undefined;
  errcode: string;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * A failed call to the homeserver. `retryable` says whether repeating the same
 * call later can succeed (no answer, 5xx, rate limit); `retryAfterMs` is the
 * wait the homeserver asked for. Messages never contain tokens.
 */
export class MatrixError extends Error {
  override readonly name = 'MatrixError';
  readonly status: number | undefined;
  readonly errcode: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: MatrixErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.errcode = init.errcode;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isMatrixError(error: unknown, errcode?: string): error is MatrixError {
  return error instanceof MatrixError && (errcode === undefined || error.errcode === errcode);
}

/**
 * Builds the error for a non-2xx answer. `body` is the parsed JSON body when
 * there was one; `retryAfter` the Retry-After header.
 */
export function errorFromResponse(
  operation: string,
  status: number,
  body: unknown,
  retryAfter: string | null,
): MatrixError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errcode = typeof record.errcode === 'string' ? record.errcode : 'M_UNKNOWN';
  const text = typeof record.error === 'string' ? record.error : undefined;
  const limited = status === 429 || errcode === 'M_LIMIT_EXCEEDED';
  const retryAfterMs = limited ? retryDelay(record.retry_after_ms, retryAfter) : undefined;
  const message =
    `${operation} failed: HTTP ${status} ${errcode}` +
    (text === undefined ? '' : `: ${text}`) +
    (retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`);
  return new MatrixError(message, {
    status,
    errcode,
    retryable: limited || status >= 500,
    retryAfterMs,
  });
}

/** Builds the error for a request that got no (complete) answer. */
export function errorFromFailure(operation: string, target: string, timeoutMs: number, error: unknown): MatrixError {
  if (isTimeout(error)) {
    return new MatrixError(`${operation}: no answer from ${target} within ${timeoutMs} ms`, {
      status: undefined,
      errcode: TIMEOUT_ERRCODE,
      retryable: true,
      cause: error,
    });
  }
  return new MatrixError(`${operation}: ${describeNetworkFailure(error, target)}`, {
    status: undefined,
    errcode: NETWORK_ERRCODE,
    retryable: true,
    cause: error,
  });
}

function retryDelay(bodyValue: unknown, header: string | null): number | undefined {
  if (typeof bodyValue === 'number' && Number.isFinite(bodyValue) && bodyValue >= 0) {
    return Math.ceil(bodyValue);
  }
  if (header !== null && /^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }
  return undefined;
}
