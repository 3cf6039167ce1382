import { type ApiFailure, ApiError } from './errors';
import { parseProblem } from './problem';

export { ApiError, problemOf, toApiFailure, type ApiFailure } from './errors';

export interface JsonResponse {
  status: number;
  body: unknown;
}

interface RequestOptions {
  signal?: AbortSignal;
  /** Statuses whose body is a regular answer, e.g. 503 from a readiness probe. */
  acceptStatus?: readonly number[];
  timeoutMs?: number;
  /** The request is the person's doing even without a key or click just now (the session's renewal). */
  activity?: boolean;
}

/** Header the session layer reads: a request the page made by itself does not renew the session (ADR 0026). */
export const ACTIVITY_HEADER = 'X-Workspace-Activity';

/**
 * Whether a request counts as the person's activity: when asked for, or when the page has
 * transient user activation (a key or click within the last seconds). Reloads after a live
 * event and polling run without it and are sent as background.
 */
export function isPersonsActivity(options: { activity?: boolean }, userActive: boolean | undefined): boolean {
  return options.activity === true || userActive !== false;
}

function userActive(): boolean | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.userActivation?.isActive;
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface WriteOptions extends RequestOptions {
  body?: unknown;
  /** The session's CSRF token; every state-changing request carries it. */
  csrfToken?: string;
  /** Lets the request finish while the page unloads (e.g. "left the meeting"). */
  keepalive?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) throw new ApiError({ kind: 'invalid' });
    return undefined;
  }
}

/** A refused request as a failure, with the problem the server sent if it sent one. */
export function httpFailure(status: number, body: unknown): ApiFailure {
  const problem = parseProblem(body, status);
  return problem ? { kind: 'http', status, problem } : { kind: 'http', status };
}

/** Passes a caller's abort signal on only when there is one. */
export const withSignal = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

/** One request to the workspace's own origin. The only place that calls fetch. */
async function send(path: string, init: RequestInit, options: RequestOptions): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers = new Headers(init.headers);
  if (!isPersonsActivity(options, userActive())) headers.set(ACTIVITY_HEADER, 'background');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({ kind: timeout.aborted ? 'timeout' : 'network' });
  }
  const accepted = response.ok || (options.acceptStatus ?? []).includes(response.status);
  let body: unknown;
  try {
    body = await readBody(response);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw error instanceof ApiError ? error : new ApiError({ kind: 'invalid' });
  }
  if (!accepted) throw new ApiError(httpFailure(response.status, body));
  return { status: response.status, body };
}

/** GETs JSON from the workspace's own origin. */
export function getJson(path: string, options: RequestOptions = {}): Promise<JsonResponse> {
  return send(path, { headers: { Accept: 'application/json' } }, options);
}

/** POST/PATCH/PUT/DELETE with a JSON body and the session's CSRF token. */
export function sendJson(method: WriteMethod, path: string, options: WriteOptions = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (options.csrfToken) headers['X-CSRF-Token'] = options.csrfToken;
  return send(
    path,
    { method, headers, body: JSON.stringify(options.body ?? {}), ...(options.keepalive ? { keepalive: true } : {}) },
    {
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.acceptStatus ? { acceptStatus: options.acceptStatus } : {}),
    },
  );
}

/** Builds a query string from the set values only. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}
