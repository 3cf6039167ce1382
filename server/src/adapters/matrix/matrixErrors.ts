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

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Turns Node's "fetch failed" into words an operator can act on. */
function describeNetworkFailure(error: unknown, target: string): string {
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
    case undefined:
      break;
    default:
      return `request to ${target} failed (${code})`;
  }
  const reason = innermostMessage(error);
  if (reason === 'bad port') {
    // The fetch standard blocks some ports (1, 25, 6000, ...) before connecting.
    return `fetch refuses to connect to the port of ${target} (blocked port)`;
  }
  return reason === undefined ? `request to ${target} failed` : `request to ${target} failed: ${reason}`;
}

function innermostMessage(error: unknown): string | undefined {
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    message = current.message;
    current = current.cause;
  }
  return message;
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
