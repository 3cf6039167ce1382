import { randomBytes, randomUUID } from 'node:crypto';
import { conflict, invalid, notFound } from '../../domain/errors.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import type { Store } from '../../domain/ports/store.js';
import { confirmsName, pseudonymOf, type Erasure, type ErasureDocumentsRule } from '../../domain/privacy.js';
import { actingPerson, auditEntry, type CommandContext } from '../context.js';
import { loadTenantFor } from '../loadTenant.js';
import { letGo } from '../people/personCommands.js';
import { loadPersonFor } from '../people/loadPerson.js';

/**
 * Erases a person (GDPR Art. 17; ADR 0053), by a tenant admin who typed the person's name. In one
 * transaction the person leaves by the leaver path (rooms, meetings, sponsored guests; the outbox
 * disables them in Keycloak and chat) and the erasure is queued; its job then removes the Keycloak
 * account, erases the chat account in Synapse, deletes or hands over the person's documents,
 * pseudonymises the audit log and the person's row, and writes the report. A part that is down
 * delays the erasure; the report is written only once every part has followed.
 */
export async function requestErasure(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  confirmation: string,
): Promise<Erasure> {
  const { person } = await loadPersonFor(store, ctx, 'person.erase', tenantId, personId, true);
  if (await store.read.privacy.erasureOf(personId)) throw conflict('This person is erased already', { code: 'erased' });
  if (!confirmsName(confirmation, person)) {
    throw invalid('The name typed is not the person’s name', { field: 'confirmName' });
  }
  const by = actingPerson(ctx);
  const erasure: Omit<Erasure, 'report' | 'finishedAt'> = {
    id: randomUUID(),
    tenantId,
    personId,
    pseudonym: pseudonymOf(randomBytes(8).toString('hex')),
    requestedBy: by.id,
    requestedByName: by.name,
    state: 'pending',
    documentsRule: await store.read.privacy.documentsRule(tenantId),
    createdAt: ctx.now,
  };
  await store.transaction(async (tx) => {
    if (person.status === 'active') await letGo(tx, ctx, tenantId, personId);
    await tx.privacy.insertErasure(erasure);
    await tx.people.setSync(personId, 'pending', null, ctx.now);
    await tx.outbox.enqueue({
      kind: jobKinds.personErase,
      payload: { erasureId: erasure.id, personId },
      dedupeKey: `person-erase:${erasure.id}`,
    });
    // Nothing of the person in the entry: it names them by the pseudonym once the erasure is done.
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.erase',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { erasureId: erasure.id, documentsRule: erasure.documentsRule },
      }),
    );
  });
  return { ...erasure, report: null, finishedAt: null };
}

/** The tenant's erasures, newest first, each with its report once done. */
export async function listErasures(store: Store, ctx: CommandContext, tenantId: string): Promise<Erasure[]> {
  await loadTenantFor(store, ctx, 'erasure.read', tenantId, false);
  return store.read.privacy.erasures(tenantId);
}

export async function getErasure(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  erasureId: string,
): Promise<Erasure> {
  await loadTenantFor(store, ctx, 'erasure.read', tenantId, false);
  const erasure = await store.read.privacy.findErasure(erasureId);
  if (!erasure || erasure.tenantId !== tenantId) throw notFound('Erasure');
  return erasure;
}

/** What happens to the documents an erased person created, as the tenant's policy says. */
export async function getErasureRule(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
): Promise<ErasureDocumentsRule> {
  await loadTenantFor(store, ctx, 'tenant.readPolicy', tenantId, false);
  return store.read.privacy.documentsRule(tenantId);
}

/** Sets the tenant's rule for an erased person's documents (audited with before and after). */
export async function setErasureRule(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  rule: ErasureDocumentsRule,
): Promise<ErasureDocumentsRule> {
  await loadTenantFor(store, ctx, 'tenant.updatePolicy', tenantId, true);
  const before = await store.read.privacy.documentsRule(tenantId);
  if (before === rule) return rule;
  await store.transaction(async (tx) => {
    await tx.privacy.setDocumentsRule(tenantId, rule, ctx.now);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'tenant.erasureRule',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
        details: { from: before, to: rule },
      }),
    );
  });
  return rule;
}
