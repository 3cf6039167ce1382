/** Why a request to the server did not give a usable answer. */
export type ApiFailure =
  { kind: 'network' } | { kind: 'timeout' } | { kind: 'http'; status: number } | { kind: 'invalid' };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(`Request failed: ${failure.kind}`);
    this.name = 'ApiError';
  }
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

interface RequestOptions {
  signal?: AbortSignal;
  /** Statuses whose body is a regular answer, e.g. 503 from a readiness probe. */
  acceptStatus?: readonly number[];
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** GETs JSON from the workspace's own origin. The only place that talks to the server. */
export async function getJson(path: string, options: RequestOptions = {}): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({ kind: timeout.aborted ? 'timeout' : 'network' });
  }
  const accepted = response.ok || (options.acceptStatus ?? []).includes(response.status);
  if (!accepted) throw new ApiError({ kind: 'http', status: response.status });
  try {
    return { status: response.status, body: (await response.json()) as unknown };
  } catch {
    throw new ApiError({ kind: 'invalid' });
  }
}

export function toApiFailure(error: unknown): ApiFailure {
  return error instanceof ApiError ? error.failure : { kind: 'network' };
}
