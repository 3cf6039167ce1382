import type { BrowserContext, Page, Request } from 'playwright-core';

/** One response of a page load, as the browser received it. */
export interface Received {
  url: string;
  status: number;
  contentType: string;
  /** Content-Encoding as sent: `br`, `gzip`, or undefined for a plain body. */
  encoding: string | undefined;
  vary: string | undefined;
  cacheControl: string | undefined;
  /** Bytes of the body on the wire (compressed, if it was). */
  transferred: number;
  /** The body after decoding. */
  body: Buffer;
}

async function received(request: Request): Promise<Received | undefined> {
  const response = await request.response();
  if (!response) return undefined;
  const [sizes, body, headers] = await Promise.all([
    request.sizes(),
    response.body().catch(() => Buffer.alloc(0)),
    response.allHeaders(),
  ]);
  return {
    url: request.url(),
    status: response.status(),
    contentType: headers['content-type'] ?? '',
    encoding: headers['content-encoding'],
    vary: headers['vary'],
    cacheControl: headers['cache-control'],
    transferred: sizes.responseBodySize,
    body,
  };
}

/** Collects every response `page` receives from now on; the function returns those so far. */
export function collectResponses(page: Page): () => Promise<Received[]> {
  const pending: Promise<Received | undefined>[] = [];
  // A request that finishes while the page closes can no longer be read: it is not counted (and its
  // failure is not left unhandled).
  page.on('requestfinished', (request) => pending.push(received(request).catch(() => undefined)));
  return async () => (await Promise.all(pending)).filter((entry): entry is Received => entry !== undefined);
}

/**
 * Opens `url` in a new page of `context` (a fresh context has an empty cache) and returns every
 * response of the load, including what the page fetches on demand within `settleMs` after the
 * network went quiet.
 */
export async function loadCollecting(context: BrowserContext, url: string, settleMs = 3000): Promise<Received[]> {
  const page = await context.newPage();
  const responses = collectResponses(page);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(settleMs);
    await page.waitForLoadState('networkidle');
    return await responses();
  } finally {
    await page.close();
  }
}

/**
 * Marks only the chat's homeserver SDK carries: its package name (in its request headers and
 * logs) and the ids of its unstable Matrix features; and its crypto's WebAssembly.
 */
const chatSdkMarks = ['matrix-js-sdk', 'org.matrix.msc'];

/** Whether a response is (part of) the chat SDK or its crypto WebAssembly. */
export function isChatSdk(entry: Received): boolean {
  if (entry.contentType.startsWith('application/wasm') || /\.wasm(?:$|\?)/.test(entry.url)) return true;
  if (!/javascript/.test(entry.contentType)) return false;
  const text = entry.body.toString('utf8');
  return chatSdkMarks.some((mark) => text.includes(mark));
}

/** Total bytes on the wire and after decoding. */
export function totals(entries: readonly Received[]): { transferred: number; decoded: number } {
  return {
    transferred: entries.reduce((sum, entry) => sum + entry.transferred, 0),
    decoded: entries.reduce((sum, entry) => sum + entry.body.length, 0),
  };
}
