import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from './contentDisposition.js';

/**
 * Streams a file as the response. Never sniffed as anything else; never
 * stored by any cache (who may read it can change).
 */
export async function sendFile(
  res: Response,
  file: { stream: Readable; size: number; fileName: string; contentType: string },
  options: { disposition: 'inline' | 'attachment'; csp?: string; cacheControl?: string },
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(options.disposition, file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', options.cacheControl ?? 'no-store');
  if (options.csp) res.setHeader('Content-Security-Policy', options.csp);
  await pipeline(file.stream, res);
}
