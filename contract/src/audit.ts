import { z } from 'zod';
import { id } from './common.js';
import { auditOutcome } from './enums.js';

export const auditOut = z
  .object({
    id,
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    tenantId: id.nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    outcome: auditOutcome,
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.output<typeof auditOut>;

export const auditQuery = z
  .object({
    action: z.string().max(100).optional(),
    actorId: z.string().max(64).optional(),
    outcome: auditOutcome.optional(),
    from: z.iso.datetime().optional().describe('Entries at or after this time'),
    to: z.iso.datetime().optional().describe('Entries at or before this time'),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
/** A page's filters as a caller sends them (from, to: ISO date-times, inclusive). */
export type AuditQuery = Omit<z.input<typeof auditQuery>, 'limit'> & { limit?: number };

export const auditPage = z
  .object({ entries: z.array(auditOut), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.output<typeof auditPage>;
