import { z } from 'zod';
import { abilities } from './abilities.js';
import { id, sync } from './common.js';
import { archiveStatus } from './enums.js';
import { personIn } from './people.js';

export const tenantOut = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    emailDomains: z.array(z.string()),
    status: archiveStatus,
    sync,
    createdAt: z.string(),
    archivedAt: z.string().nullable(),
    abilities,
  })
  .meta({ id: 'Tenant' });
export type Tenant = z.output<typeof tenantOut>;

export const tenantList = z.object({ tenants: z.array(tenantOut), abilities });
export type TenantList = z.output<typeof tenantList>;

const name = (max: number) => z.string().trim().min(1).max(max);

export const tenantIn = z
  .object({
    slug: z.string().trim().min(1).max(40).describe('Short name: a-z, 0-9, hyphens'),
    name: name(200),
    emailDomains: z.array(z.string().trim().min(3).max(253)).min(1).max(20),
    firstAdmin: personIn.omit({ role: true, sponsorId: true, expiresAt: true }),
  })
  .strict();
export type NewTenant = z.input<typeof tenantIn>;
