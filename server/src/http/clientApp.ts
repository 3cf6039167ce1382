import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built client. Hashed assets are cached for a year; every other
 * path that is not an API route gets index.html, so the client's router can
 * take over deep links.
 */
export function clientApp(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) return router;
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|auth\/|_matrix\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
