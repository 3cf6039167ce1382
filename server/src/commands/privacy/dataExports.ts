import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { conflict, gone, notFound } from '../../domain/errors.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store } from '../../domain/ports/store.js';
import type { DataExport } from '../../domain/privacy.js';
import { actingPerson, auditEntry, type CommandContext } from '../context.js';
import { loadPersonFor } from '../people/loadPerson.js';

/**
 * A person's data as one archive (GDPR Art. 15, 20; ADR 0053), asked for by the person or by an
 * admin of their tenant. A job makes it; it can be downloaded until it expires. An admin's export
 * is audited like any admin action, and so is the person's own.
 */
export async function requestExport(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<DataExport> {
  const { person } = await loadPersonFor(store, ctx, 'person.export', tenantId, personId, true);
  if (await store.read.privacy.erasureOf(personId)) throw conflict('This person is erased', { code: 'erased' });
  const waiting = (await store.read.privacy.exportsOf(personId)).find((e) => e.state === 'pending');
  if (waiting) return waiting;
  const by = actingPerson(ctx);
  const record: DataExport = {
    id: randomUUID(),
    tenantId,
    personId,
    requestedBy: by.id,
    requestedByName: by.name,
    state: 'pending',
    storageKey: null,
    size: null,
    error: null,
    createdAt: ctx.now,
    readyAt: null,
    expiresAt: null,
  };
  await store.transaction(async (tx) => {
    await tx.privacy.insertExport(record);
    await tx.outbox.enqueue({
      kind: jobKinds.personExport,
      payload: { exportId: record.id },
      dedupeKey: `person-export:${record.id}`,
    });
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.export',
        targetType: 'person',
        targetId: personId,
        outcome: 'success',
        details: { exportId: record.id, username: person.username, self: ctx.actor.userId === personId },
      }),
    );
  });
  return record;
}

/** The person's latest exports, newest first; an expired one is shown as expired. */
export async function listExports(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
): Promise<DataExport[]> {
  await loadPersonFor(store, ctx, 'person.export', tenantId, personId, false);
  return (await store.read.privacy.exportsOf(personId)).map((e) => asOf(e, ctx.now));
}

const asOf = (e: DataExport, now: number): DataExport =>
  e.state === 'ready' && e.expiresAt !== null && e.expiresAt <= now ? { ...e, state: 'expired' } : e;

/** The archive's bytes, while it is ready and has not expired. */
export async function openExport(
  store: Store,
  files: FileStorage,
  ctx: CommandContext,
  tenantId: string,
  personId: string,
  exportId: string,
): Promise<{ stream: Readable; size: number; fileName: string }> {
  await loadPersonFor(store, ctx, 'person.export', tenantId, personId, false);
  const found = await store.read.privacy.findExport(exportId);
  if (!found || found.personId !== personId || found.tenantId !== tenantId) throw notFound('Export');
  const record = asOf(found, ctx.now);
  if (record.state === 'expired') throw gone('This export has expired; ask for a new one', 'export-expired');
  if (record.state !== 'ready' || record.storageKey === null) {
    throw conflict('This export is not ready', { code: 'export-not-ready', state: record.state });
  }
  const object = await files.get(record.storageKey);
  if (!object) throw gone('This export has expired; ask for a new one', 'export-expired');
  const day = new Date(record.createdAt).toISOString().slice(0, 10);
  return { stream: object.stream, size: object.size, fileName: `export-${day}-${record.id.slice(0, 8)}.zip` };
}

/** Removes the bytes of archives whose time is up (a periodic pass); returns how many. */
export async function expireExports(store: Store, files: FileStorage, now: number): Promise<number> {
  const due = await store.read.privacy.expiredExports(now);
  for (const e of due) {
    if (e.storageKey !== null) await files.delete(e.storageKey);
    await store.write.privacy.finishExport(e.id, {
      state: 'expired',
      size: e.size,
      readyAt: e.readyAt,
      expiresAt: e.expiresAt,
    });
  }
  return due.length;
}
