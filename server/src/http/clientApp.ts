import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';

/** The encodings the client's build writes next to its files (client/build/precompress.ts), best first. */
const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

type Encoding = (typeof encodings)[number];
type SendFileOptions = NonNullable<Parameters<Response['sendFile']>[1]>;

/** The quality (0–1) the request's Accept-Encoding gives each coding; `*` stands for the unnamed ones. */
function acceptedQualities(header: string | undefined): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    qualities.set(name, Number.isFinite(quality) ? quality : 0);
  }
  return qualities;
}

/**
 * The best of `available` the request accepts, in our order of preference (brotli before gzip)
 * among equal qualities; undefined when the file is to go as it is. Browsers list gzip first,
 * so the header's own order is not a preference.
 */
export function chooseEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  const qualities = acceptedQualities(header);
  let best: Encoding | undefined;
  let bestQuality = 0;
  for (const encoding of available) {
    const quality = qualities.get(encoding.name) ?? qualities.get('*') ?? 0;
    if (quality > bestQuality) [best, bestQuality] = [encoding, quality];
  }
  return best;
}

/**
 * Sends `file`, or its precompressed sibling when there is one the browser accepts. A file with
 * siblings always varies by Accept-Encoding, so a shared cache keeps the plain and the
 * compressed answer apart. Returns false when `file` does not exist.
 */
function sendFile(req: Request, res: Response, file: string, options: SendFileOptions): boolean {
  const plain = fs.statSync(file, { throwIfNoEntry: false });
  if (!plain?.isFile()) return false;
  // A sibling older than its file was made from an earlier version of it: it is not sent.
  const available = encodings.filter((encoding) => {
    const sibling = fs.statSync(file + encoding.suffix, { throwIfNoEntry: false });
    return sibling?.isFile() === true && sibling.mtimeMs >= plain.mtimeMs;
  });
  if (available.length === 0) {
    res.sendFile(file, options);
    return true;
  }
  res.vary('Accept-Encoding');
  const chosen = chooseEncoding(req.get('accept-encoding'), available);
  if (!chosen) {
    res.sendFile(file, options);
    return true;
  }
  // The type is the plain file's; `send` keeps a type that is already set.
  res.type(path.extname(file)).set('Content-Encoding', chosen.name);
  res.sendFile(file + chosen.suffix, options);
  return true;
}

/** The file under `root` a request path names, or undefined when it would leave `root`. */
function fileUnder(root: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.join(root, decoded);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/**
 * Serves the built client. Hashed assets are cached for a year; every other
 * path that is not an API route gets index.html, so the client's router can
 * take over deep links. Each file goes brotli- or gzip-compressed when the
 * build made that sibling and the browser accepts it; index.html is never cached.
 */
export function clientApp(distDir: string): Router {
  const router = Router();
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) return router;
  const assets = path.join(root, 'assets');
  const assetOptions: SendFileOptions = { immutable: true, maxAge: '365d', dotfiles: 'deny' };
  router.get(/^\/assets\//, (req, res, next) => {
    const file = fileUnder(assets, req.path.slice('/assets'.length));
    if (!file || !sendFile(req, res, file, assetOptions)) next();
  });
  // A missing asset is a 404, never index.html.
  router.use('/assets', express.static(assets, { immutable: true, maxAge: '365d', fallthrough: false }));
  // The few files beside index.html (the icon): revalidated each time.
  router.get(/^\/[^/]+\.[a-z0-9]+$/i, (req, res, next) => {
    const file = fileUnder(root, req.path);
    if (!file || file === indexFile || !sendFile(req, res, file, { maxAge: 0, dotfiles: 'deny' })) next();
  });
  router.use(express.static(root, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|auth\/|_matrix\/).*/, (req, res) => {
    res.set('Cache-Control', 'no-cache');
    sendFile(req, res, indexFile, { cacheControl: false });
  });
  return router;
}
