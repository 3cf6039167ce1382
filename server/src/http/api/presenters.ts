import type { Actor } from '../../domain/actor.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { Person } from '../../domain/person.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Tenant } from '../../domain/tenant.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function presentTenant(actor: Actor, t: Tenant) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    emailDomains: t.emailDomains,
    status: t.status,
    sync: { state: t.sync, error: t.syncError },
    createdAt: iso(t.createdAt) as string,
    archivedAt: iso(t.archivedAt),
    abilities: abilities(actor, { type: 'tenant', tenantId: t.id, archived: t.status === 'archived' }),
  };
}

export function presentPerson(actor: Actor, tenant: Tenant, p: Person) {
  return {
    id: p.id,
    tenantId: p.tenantId,
    username: p.username,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    role: p.role,
    status: p.status,
    sync: { state: p.sync, error: p.syncError },
    createdAt: iso(p.createdAt) as string,
    abilities: abilities(actor, {
      type: 'person',
      tenantId: p.tenantId,
      personId: p.id,
      archived: tenant.status === 'archived',
      platformAdmin: p.platformAdmin,
    }),
  };
}

export function presentAudit(e: AuditEntry) {
  return { ...e, at: iso(e.at) as string };
}

export const encodeCursor = (e: AuditEntry): string => Buffer.from(`${e.at}:${e.id}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const n = Number(at);
  return Number.isFinite(n) && id ? { at: n, id } : undefined;
}
