import http from 'node:http';
import type { Readable } from 'node:stream';
import type { SignedIn } from './signIn.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * Sends `body` as the raw request body, streamed as it is read (node:http, so
 * Content-Length can be set or left out, and the request can be cut off).
 */
export function rawRequest(
  session: SignedIn,
  path: string,
  body: Readable,
  options: {
    contentType?: string;
    contentLength?: number;
    method?: string;
    onRequest?: (r: http.ClientRequest) => void;
  } = {},
): Promise<RawResponse> {
  const url = new URL(`${session.baseUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'POST',
        headers: {
          Cookie: session.cookie,
          'X-CSRF-Token': session.csrfToken,
          Origin: session.origin,
          'Content-Type': options.contentType ?? 'application/octet-stream',
          ...(options.contentLength === undefined ? {} : { 'Content-Length': String(options.contentLength) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    options.onRequest?.(req);
    body.on('error', (error) => req.destroy(error));
    body.pipe(req);
  });
}
