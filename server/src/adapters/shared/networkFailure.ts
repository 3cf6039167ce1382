// Vendor-neutral helpers for adapters that speak HTTP with Node's fetch. They
// know no outside system, so every adapter may use them.

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The system error code (ECONNREFUSED, …) somewhere below Node's "fetch failed". */
export function systemErrorCode(error: unknown): string | undefined {
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

export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
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
      // The fetch standard blocks some ports (1, 25, 6000, …) before connecting.
      if (reason === 'bad port') return `${target} uses a port that fetch refuses to connect to (blocked port)`;
      return reason === undefined ? `request to ${target} failed` : `request to ${target} failed: ${truncate(reason)}`;
    }
    default:
      return `request to ${target} failed (${code})`;
  }
}
