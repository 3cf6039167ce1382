import { stdSerializers } from 'pino';

/**
 * What the logs may show of requests, URLs, headers and errors. Every logger
 * of the backend goes through these (logger.ts, the request logger in
 * http/app.ts), so a secret that travels in a URL or a header — a guest link,
 * a WOPI access token, the sign-in's code and state, a session cookie, the
 * CSRF token — never reaches a log line. See ADR 0023.
 */

export const REDACTED = '[redacted]';

/** Query parameters whose value is a credential or a one-time secret (compared without case). */
const secretParameters: ReadonlySet<string> = new Set([
  'code',
  'state',
  'nonce',
  'session_state',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'logout_token',
  'client_secret',
  'password',
  'code_verifier',
  'code_challenge',
  'login_token',
  // The homeserver's one-time sign-on token, on our chat sign-on page (/chat/anmeldung?loginToken=…).
  'logintoken',
]);

/** Path segments that are secrets: the segment right after one of these names (`/guest/<secret>`). */
const secretAfterSegment: ReadonlySet<string> = new Set(['guest']);

/** Request headers a log line may show; all others (cookies, authorization, CSRF token, …) are left out. */
const loggableRequestHeaders: ReadonlySet<string> = new Set([
  'host',
  'user-agent',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-type',
  'content-length',
  'origin',
  'referer',
  'x-request-id',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);

/** Response headers a log line may show; `set-cookie` and the rest are left out. */
const loggableResponseHeaders: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'cache-control',
  'location',
  'retry-after',
  'x-request-id',
]);

/** Headers whose value is a URL, which is shown redacted. */
const urlHeaders: ReadonlySet<string> = new Set(['referer', 'location']);

const DUMMY_ORIGIN = 'http://redaction.invalid';

/**
 * A URL (absolute, or a path with query as Express sees it) with its secret
 * path segments and query parameters replaced by `[redacted]`; parameter
 * names are decoded before they are compared, as the server decodes them.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, DUMMY_ORIGIN);
  } catch {
    return redactText(url);
  }
  const segments = parsed.pathname.split('/');
  let pathChanged = false;
  for (let i = 1; i < segments.length; i += 1) {
    const previous = decodeSegment(segments[i - 1]!).toLowerCase();
    if (secretAfterSegment.has(previous) && segments[i] !== '') {
      segments[i] = REDACTED;
      pathChanged = true;
    }
  }
  const path = pathChanged ? segments.join('/') : parsed.pathname;
  let query = parsed.search;
  if (query !== '') {
    const parts = query
      .slice(1)
      .split('&')
      .map((part) => {
        const at = part.indexOf('=');
        const name = at < 0 ? part : part.slice(0, at);
        return secretParameters.has(decodeParameter(name).toLowerCase()) && at >= 0
          ? `${name}=${REDACTED}`
          : redactText(part);
      });
    query = `?${parts.join('&')}`;
  }
  const hash = parsed.hash === '' ? '' : redactText(parsed.hash);
  const absolute = parsed.origin !== DUMMY_ORIGIN || url.startsWith(DUMMY_ORIGIN);
  // Credentials in an absolute URL never appear either.
  const origin = absolute ? `${parsed.protocol}//${parsed.host}` : '';
  return `${origin}${path}${query}${hash}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function decodeParameter(name: string): string {
  return decodeSegment(name.replace(/\+/g, ' '));
}

const parameterPattern = new RegExp(`(^|[?&;\\s"'(])((?:${[...secretParameters].join('|')})=)[^&#\\s"'<>)]+`, 'gi');
const segmentPattern = new RegExp(`(/(?:${[...secretAfterSegment].join('|')})/)[^/?#\\s"'<>)]+`, 'gi');
const bearerPattern = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** A JSON Web Token (header.payload.signature, base64url): ID, logout, WOPI and meeting tokens. */
const jwtPattern = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
/** A URL with credentials in it (scheme://user:password@host). */
const userinfoPattern = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

/**
 * Free text (an error's message or stack, a detail from another system) with
 * every secret it may quote replaced: secret query parameters and guest-link
 * segments of URLs in it, bearer credentials, JSON Web Tokens, passwords in URLs.
 */
export function redactText(text: string): string {
  return text
    .replace(parameterPattern, `$1$2${REDACTED}`)
    .replace(segmentPattern, `$1${REDACTED}`)
    .replace(bearerPattern, `$1 ${REDACTED}`)
    .replace(jwtPattern, REDACTED)
    .replace(userinfoPattern, `$1${REDACTED}@`);
}

type HeaderValue = string | number | readonly string[] | undefined;

/** Only the allowed headers, URLs among them redacted. */
export function loggableHeaders(
  headers: Readonly<Record<string, HeaderValue>> | undefined,
  allowed: ReadonlySet<string> = loggableRequestHeaders,
): Record<string, string | number | string[]> {
  const shown: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    if (!allowed.has(key) || value === undefined) continue;
    const redact = (v: string): string => (urlHeaders.has(key) ? redactUrl(v) : redactText(v));
    shown[key] = typeof value === 'number' ? value : typeof value === 'string' ? redact(value) : value.map(redact);
  }
  return shown;
}

interface RequestLike {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: Record<string, HeaderValue>;
  remoteAddress?: string;
  remotePort?: number;
  socket?: { remoteAddress?: string; remotePort?: number };
}

interface ResponseLike {
  statusCode?: number;
  headers?: Record<string, HeaderValue>;
  getHeaders?: () => Record<string, HeaderValue>;
}

/** A request as a log line shows it: method, redacted URL, allowed headers, peer. No query or params objects. */
export function loggableRequest(req: RequestLike): Record<string, unknown> {
  const url = req.originalUrl ?? req.url;
  return {
    ...(req.id === undefined ? {} : { id: req.id }),
    method: req.method,
    url: url === undefined ? undefined : redactUrl(url),
    headers: loggableHeaders(req.headers),
    remoteAddress: req.remoteAddress ?? req.socket?.remoteAddress,
    remotePort: req.remotePort ?? req.socket?.remotePort,
  };
}

/** A response as a log line shows it: status and allowed headers. */
export function loggableResponse(res: ResponseLike): Record<string, unknown> {
  const headers = res.headers ?? (typeof res.getHeaders === 'function' ? res.getHeaders() : undefined);
  return { statusCode: res.statusCode, headers: loggableHeaders(headers, loggableResponseHeaders) };
}

const MAX_DEPTH = 6;

/** Every string in plain objects and arrays redacted as free text; other objects are left to their serializer. */
export function redactValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactValues(item, depth + 1));
  if (value instanceof Error) return redactValues({ ...stdSerializers.err(value) }, depth);
  // Plain records only (also pino's serialized errors); requests, buffers and the like have their own serializer.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== null && (value as { constructor?: unknown }).constructor !== Object) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactValues(item, depth + 1);
  return copy;
}

/** An error as pino shows it (message, stack, cause, own fields), every string in it redacted. */
export function loggableError(error: unknown): unknown {
  return redactValues(error);
}

/** The serializers every logger uses for `req`, `res` and `err`. */
export const logSerializers = {
  req: loggableRequest,
  res: loggableResponse,
  err: loggableError,
};
