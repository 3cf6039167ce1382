import { randomUUID } from 'node:crypto';
import type { TenantRole } from '../../domain/actor.js';
import { conflict, invalid } from '../../domain/errors.js';
import {
  belongsToTenantDomains,
  isReservedUsername,
  usernameFromEmail,
  usernamePattern,
} from '../../domain/personRules.js';
import type { StoreTx } from '../../domain/ports/store.js';
import type { Tenant } from '../../domain/tenant.js';
import type { PersonLocale } from '../../domain/person.js';
import { auditEntry, type CommandContext } from '../context.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { guestTermFor } from './guestTerm.js';

export interface PersonProps {
  email: string;
  firstName: string;
  lastName: string;
  role: TenantRole;
  username?: string | undefined;
  /** The language of their mail; German unless chosen otherwise. */
  locale?: PersonLocale | undefined;
  /** A guest's sponsor and the end of their access (epoch ms); defaults in guestTerms.ts. */
  sponsorId?: string | undefined;
  expiresAt?: number | undefined;
}

/** Checks a new person against the tenant and returns the normalized values. */
export function normalizePerson(
  tenant: Tenant,
  props: PersonProps,
): Required<Omit<PersonProps, 'sponsorId' | 'expiresAt'>> {
  const email = props.email.trim().toLowerCase();
  if (!belongsToTenantDomains(email, tenant.emailDomains)) {
    throw invalid(`The e-mail address must belong to one of the tenant's domains (${tenant.emailDomains.join(', ')})`, {
      field: 'email',
      code: 'foreign-domain',
    });
  }
  const username = (props.username ?? usernameFromEmail(email)).toLowerCase();
  if (!usernamePattern.test(username)) {
    throw invalid('The sign-in name may use only a-z, 0-9, dot, hyphen and underscore', {
      field: 'username',
      code: 'invalid-username',
    });
  }
  if (isReservedUsername(username)) {
    throw conflict(`The sign-in name "${username}" is reserved for the installation's own accounts`, {
      field: 'username',
      code: 'reserved-username',
    });
  }
  return {
    email,
    username,
    firstName: props.firstName.trim(),
    lastName: props.lastName.trim(),
    role: props.role,
    locale: props.locale ?? 'de',
  };
}

export interface InsertOptions {
  /**
   * Their sign-in account ships with the installation (the demo's realm export)
   * and is taken over although it carries no mark of the workspace yet.
   */
  adoptUnmarked?: boolean;
}

/**
 * Writes one person of a tenant and queues their accounts (Keycloak, Matrix).
 * Shared by single creation, CSV import and tenant creation.
 */
export async function addPerson(
  tx: StoreTx,
  ctx: CommandContext,
  tenant: Tenant,
  props: PersonProps,
  via: 'single' | 'import' | 'tenant',
  options: InsertOptions = {},
): Promise<string> {
  const person = normalizePerson(tenant, props);
  const taken = await tx.people.taken([person.email], [person.username]);
  if (taken.emails.size > 0) throw conflict('A person with this e-mail address exists already', { field: 'email' });
  if (taken.usernames.size > 0) throw conflict('This sign-in name is taken', { field: 'username' });
  return insertPerson(tx, ctx, tenant, { ...props, ...person }, via, options);
}

/**
 * addPerson without the check that the e-mail address and sign-in name are
 * free, for a caller that checked many people at once in the same transaction.
 */
export async function insertPerson(
  tx: StoreTx,
  ctx: CommandContext,
  tenant: Tenant,
  props: PersonProps,
  via: 'single' | 'import' | 'tenant',
  options: InsertOptions = {},
): Promise<string> {
  const person = normalizePerson(tenant, props);
  const term = await guestTermFor(tx, ctx, tenant.id, person.role, props);
  const id = randomUUID();
  await tx.people.insert({ id, tenantId: tenant.id, ...person }, ctx.now);
  if (term !== null) await tx.people.setGuestTerm(id, term, ctx.now);
  await tx.outbox.enqueue({
    kind: jobKinds.personProvision,
    payload: options.adoptUnmarked === true ? { personId: id, adoptUnmarked: true } : { personId: id },
    dedupeKey: `person:${id}:provision`,
  });
  // The accounts the installation ships (the demo's) have their passwords already.
  if (options.adoptUnmarked !== true) await queueInvitation(tx, id);
  await tx.audit.append(
    auditEntry(ctx, {
      tenantId: tenant.id,
      action: 'person.create',
      targetType: 'person',
      targetId: id,
      outcome: 'success',
      details: { username: person.username, role: person.role, via },
    }),
  );
  return id;
}

/**
 * Queues a person's invitation by e-mail (ADR 0041). It waits for their account and survives an
 * unreachable Keycloak for hours; while one waits to be sent, asking again sends no second mail.
 */
export async function queueInvitation(tx: StoreTx, personId: string): Promise<void> {
  await tx.outbox.enqueue({
    kind: jobKinds.personInvite,
    payload: { personId },
    coalesceKey: `person:${personId}:invite`,
    maxAttempts: INVITATION_ATTEMPTS,
  });
}

/** With the outbox's backoff (at most 5 minutes apart), about eight hours of trying. */
const INVITATION_ATTEMPTS = 100;
