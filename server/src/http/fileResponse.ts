import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** `Content-Disposition` with an ASCII fallback and the exact name in UTF-8 (RFC 6266 / 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_')
    .trim();
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii || 'download'}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a file as the response. Never sniffed as anything else; never
 * cached by shared caches (who may read it can change).
 */
export async function sendFile(
  res: Response,
  file: { stream: Readable; size: number; fileName: string; contentType: string },
  options: { disposition: 'inline' | 'attachment'; csp?: string },
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(options.disposition, file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-cache');
  if (options.csp) res.setHeader('Content-Security-Policy', options.csp);
  await pipeline(file.stream, res);
}
