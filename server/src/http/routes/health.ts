import { Router } from 'express';
import { checkReadiness } from '../../commands/checkReadiness.js';
import type { HealthProbe } from '../../domain/ports/health.js';

/** /healthz: the process is up. /readyz: every part it depends on answers. */
export function healthRoutes(probes: readonly HealthProbe[], timeoutMs: number): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(probes, timeoutMs);
    res
      .status(readiness.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(readiness);
  });
  return router;
}
