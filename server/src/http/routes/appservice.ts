import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { sendProblem } from '../problem.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The Application Service API that Synapse calls on the backend. Events are
 * acknowledged now; the reconciler reads actual room state itself, so nothing
 * depends on receiving every push.
 */
export function appServiceRoutes(hsToken: string, logger: Logger): Router {
  const router = Router();
  const authenticate: RequestHandler = (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(token, hsToken)) {
      res.status(403).json({ errcode: 'M_FORBIDDEN', error: 'Bad homeserver token' });
      return;
    }
    next();
  };
  router.use('/_matrix/app/v1', authenticate);
  router.put('/_matrix/app/v1/transactions/:txnId', (req, res) => {
    const events = (req.body as { events?: unknown[] } | undefined)?.events ?? [];
    logger.debug({ txnId: req.params.txnId, events: events.length }, 'application service transaction');
    res.json({});
  });
  router.get(['/_matrix/app/v1/users/:userId', '/_matrix/app/v1/rooms/:alias'], (_req, res) => {
    res.status(404).json({ errcode: 'M_NOT_FOUND', error: 'Not created on demand' });
  });
  router.post('/_matrix/app/v1/ping', (_req, res) => {
    res.json({});
  });
  router.use('/_matrix', (req, res) => {
    sendProblem(res, { title: 'Not Found', status: 404, detail: `No resource at ${req.method} ${req.path}` });
  });
  return router;
}
