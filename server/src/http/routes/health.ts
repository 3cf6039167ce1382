import type { ReadinessAnswer } from '@arbeitsbereich/contract';
import { Router, type Request } from 'express';
import { checkReadiness } from '../../commands/checkReadiness.js';
import type { HealthProbe } from '../../domain/ports/health.js';

/**
 * /healthz: the process is up. /readyz: every part it depends on answers —
 * 200 or 503 with `{ status }` for anyone (load balancers, the launcher); each
 * part's state, latency and reason only when `mayReadDetails` says so (a
 * signed-in platform admin, or monitoring with the operator's key), as they
 * name the parts and their addresses.
 */
export function healthRoutes(
  probes: readonly HealthProbe[],
  timeoutMs: number,
  mayReadDetails: (req: Request) => Promise<boolean> = () => Promise.resolve(false),
): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const [readiness, details] = await Promise.all([checkReadiness(probes, timeoutMs), mayReadDetails(req)]);
    const answer: ReadinessAnswer = details ? readiness : { status: readiness.status };
    res
      .status(readiness.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .vary('Cookie, Authorization')
      .json(answer);
  });
  return router;
}
