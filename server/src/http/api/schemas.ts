import { z } from 'zod';
import { tenantRoles } from '../../domain/actor.js';

export const id = z.uuid().describe('An id');
export const role = z.enum(tenantRoles);
const sync = z
  .object({ state: z.enum(['pending', 'done', 'failed']), error: z.string().nullable() })
  .describe('Whether Keycloak and Synapse follow this object yet; the error of the last attempt');
const abilities = z.record(z.string(), z.boolean()).describe('What the caller may do with this object');

export const tenantOut = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    emailDomains: z.array(z.string()),
    status: z.enum(['active', 'archived']),
    sync,
    createdAt: z.string(),
    archivedAt: z.string().nullable(),
    abilities,
  })
  .meta({ id: 'Tenant' });

export const personOut = z
  .object({
    id,
    tenantId: id,
    username: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role,
    status: z.enum(['active', 'deactivated']),
    sync,
    createdAt: z.string(),
    abilities,
  })
  .meta({ id: 'Person' });

const name = (max: number) => z.string().trim().min(1).max(max);

export const personIn = z
  .object({
    email: z.email().max(254),
    firstName: name(100),
    lastName: name(100),
    role: role.default('member'),
    username: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const tenantIn = z
  .object({
    slug: z.string().trim().min(1).max(40).describe('Short name: a-z, 0-9, hyphens'),
    name: name(200),
    emailDomains: z.array(z.string().trim().min(3).max(253)).min(1).max(20),
    firstAdmin: personIn.omit({ role: true }),
  })
  .strict();

export const importIn = z
  .object({
    csv: z
      .string()
      .min(1)
      .max(2_000_000)
      .describe(
        'CSV with a header row: email, firstName, lastName, role (tenant-admin, member, guest), username (optional)',
      ),
    dryRun: z.boolean().default(true),
  })
  .strict();

export const importOut = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    valid: z.number().int(),
    problems: z.array(
      z.object({
        line: z.number().int(),
        field: z.enum(['email', 'firstName', 'lastName', 'role', 'username', 'file']),
        code: z.string(),
        value: z.string(),
      }),
    ),
    created: z.array(id),
  })
  .meta({ id: 'ImportReport' });

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
    outcome: z.enum(['success', 'failure', 'denied']),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const auditQuery = z
  .object({
    action: z.string().max(100).optional(),
    actorId: z.string().max(64).optional(),
    outcome: z.enum(['success', 'failure', 'denied']).optional(),
    from: z.iso.datetime().optional().describe('Entries at or after this time'),
    to: z.iso.datetime().optional().describe('Entries at or before this time'),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const auditPage = z
  .object({ entries: z.array(auditOut), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
