import { auditPage, auditQuery, tenantParams } from '@arbeitsbereich/contract';
import type { z } from 'zod';
import { readAllAudit, readTenantAudit, type AuditFilter } from '../../commands/audit/auditQueries.js';
import type { Store } from '../../domain/ports/store.js';
import { route } from './apiRoute.js';
import { decodeCursor, encodeCursor, presentAudit } from './presenters.js';
import { contextOf } from './commandContext.js';

function filterOf(q: z.output<typeof auditQuery>): AuditFilter {
  const before = decodeCursor(q.cursor);
  return {
    ...(q.action ? { action: q.action } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from ? { from: Date.parse(q.from) } : {}),
    ...(q.to ? { to: Date.parse(q.to) } : {}),
    ...(before ? { before } : {}),
    limit: q.limit,
  };
}

function page(entries: Parameters<typeof presentAudit>[0][], limit: number) {
  const last = entries.at(-1);
  return {
    entries: entries.map(presentAudit),
    nextCursor: entries.length === limit && last ? encodeCursor(last) : null,
  };
}

// Read-only by design: there is no route that changes or deletes entries.
export function auditRoutes(store: Store) {
  return [
    route({
      method: 'get',
      path: '/tenants/:tenantId/audit',
      operationId: 'readTenantAudit',
      summary: "The tenant's audit log, newest first",
      tag: 'audit',
      params: tenantParams,
      query: auditQuery,
      responses: { 200: { description: 'A page of entries', schema: auditPage } },
      handler: async (input) => ({
        body: page(
          await readTenantAudit(store, contextOf(input), input.params.tenantId, filterOf(input.query)),
          input.query.limit,
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/audit',
      operationId: 'readAllAudit',
      summary: 'The audit log of every tenant and of the platform (platform admins)',
      tag: 'audit',
      query: auditQuery,
      responses: {
        200: { description: 'A page of entries', schema: auditPage },
        404: { description: 'Not a platform admin: the platform’s log is not visible to the caller' },
      },
      handler: async (input) => ({
        body: page(await readAllAudit(store, contextOf(input), filterOf(input.query)), input.query.limit),
      }),
    }),
  ];
}
