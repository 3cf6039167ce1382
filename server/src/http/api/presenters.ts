import type {
  AuditEntry as AuditEntryOut,
  Person as PersonOut,
  SyncInfo,
  Tenant as TenantOut,
} from '@arbeitsbereich/contract';
import type { Actor } from '../../domain/actor.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { Person } from '../../domain/person.js';
import { abilities } from '../../domain/policies/policy.js';
import type { Tenant } from '../../domain/tenant.js';

/** A time as the API writes it: ISO 8601, UTC. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** Whether Keycloak and Synapse follow an object yet, and the error of the last attempt. */
export const syncOf = (o: { sync: SyncInfo['state']; syncError: string | null }): SyncInfo => ({
  state: o.sync,
  error: o.syncError,
});

/** What the actor may do in the tenant (less once it is archived). */
export const tenantAbilities = (actor: Actor, t: Tenant) =>
  abilities(actor, { type: 'tenant', tenantId: t.id, archived: t.status === 'archived' });

export function presentTenant(actor: Actor, t: Tenant): TenantOut {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    emailDomains: t.emailDomains,
    status: t.status,
    sync: syncOf(t),
    createdAt: iso(t.createdAt),
    archivedAt: isoOrNull(t.archivedAt),
    abilities: tenantAbilities(actor, t),
  };
}

export function presentPerson(actor: Actor, tenant: Tenant, p: Person): PersonOut {
  return {
    id: p.id,
    tenantId: p.tenantId,
    username: p.username,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    role: p.role,
    status: p.status,
    sync: syncOf(p),
    locale: p.locale,
    invitedAt: p.invitedAt === null ? null : iso(p.invitedAt),
    mailNotices: p.mailNotices,
    guestTerm:
      p.guestTerm === null
        ? null
        : {
            sponsorId: p.guestTerm.sponsorId,
            expiresAt: iso(p.guestTerm.expiresAt),
            sponsorNotified: p.guestTerm.noticeSentAt !== null,
          },
    createdAt: iso(p.createdAt),
    abilities: abilities(actor, {
      type: 'person',
      tenantId: p.tenantId,
      personId: p.id,
      archived: tenant.status === 'archived',
      platformAdmin: p.platformAdmin,
      sponsorId: p.guestTerm?.sponsorId ?? null,
    }),
  };
}

export function presentAudit(e: AuditEntry): AuditEntryOut {
  return { ...e, at: iso(e.at) };
}

export const encodeCursor = (e: AuditEntry): string => Buffer.from(`${e.at}:${e.id}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const n = Number(at);
  return Number.isFinite(n) && id ? { at: n, id } : undefined;
}
