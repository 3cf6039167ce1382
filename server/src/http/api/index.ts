import { Router } from 'express';
import type { ChatRooms } from '../../domain/ports/chat.js';
import type { Store } from '../../domain/ports/store.js';
import { roomRoutes } from './roomRoutes.js';
import { fixedWindowLimiter } from '../rateLimit.js';
import type { ApiRoute } from './apiRoute.js';
import { apiRouter } from './apiRouter.js';
import { auditRoutes } from './auditRoutes.js';
import { openApiDocument } from './openapi.js';
import { peopleRoutes } from './peopleRoutes.js';
import { tenantRoutes } from './tenantRoutes.js';

export function apiRoutes(store: Store, chat: ChatRooms): ApiRoute[] {
  return [
    ...tenantRoutes(store),
    ...peopleRoutes(store),
    ...roomRoutes({ store, chat, now: Date.now }),
    ...auditRoutes(store),
  ];
}

/** Everything under /api that the route table describes, plus its OpenAPI document. */
export function api(store: Store, chat: ChatRooms, publicUrl: string, adminWritesPerMinute = 300): Router {
  const routes = apiRoutes(store, chat);
  const router = Router();
  const document = openApiDocument(routes, publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(apiRouter(routes, fixedWindowLimiter(adminWritesPerMinute, 60_000)));
  return router;
}
