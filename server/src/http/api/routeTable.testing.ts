import type { ApiRoute } from './apiRoute.js';
import { apiRoutes } from './index.js';
import { openApiDocument } from './openapi.js';

/** Every route of the API, built without any system behind it (the routes only keep their deps). */
export function routeTable(): ApiRoute[] {
  const none = {} as never;
  return apiRoutes(
    none,
    none,
    'https://workspace.example',
    { tokens: null, guestLinkKey: 'key', guestCallsPerMinute: 10, calendar: { invitation: () => '' } },
    { defaultMaxUploadBytes: 1024, tenantQuotaBytes: null } as never,
    none,
  );
}

export interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** The OpenAPI document of the route table, and its operations by id. */
export function documentOfRoutes(routes = routeTable()) {
  const document = openApiDocument(routes, 'https://workspace.example') as {
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = new Map(
    Object.values(document.paths).flatMap((ops) => Object.values(ops).map((op) => [op.operationId, op] as const)),
  );
  return { document, operations };
}
