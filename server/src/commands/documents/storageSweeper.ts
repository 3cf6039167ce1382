import type { FileStorage } from '../../domain/ports/files.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry } from '../context.js';
import { systemActor } from '../../domain/actor.js';
import { exportStoragePrefix } from '../../domain/privacy.js';

/** Objects younger than this may belong to an upload whose row is being written right now. */
export const orphanMinAgeMs = 60 * 60_000;

/**
 * Removes stored objects that no version (or preview) refers to and that are
 * older than an hour: left by a crash between storing and recording, or by a
 * purge whose deletes failed. Each removal is audited as a drift repair.
 */
export async function sweepOrphanedObjects(deps: { store: Store; storage: FileStorage; now: number }): Promise<number> {
  let removed = 0;
  for await (const object of deps.storage.list('')) {
    if (deps.now - object.lastModified < orphanMinAgeMs) continue;
    // Export archives are no versions: they go when they expire (ADR 0053).
    if (object.key.startsWith(exportStoragePrefix)) continue;
    if (await deps.store.read.documents.refersTo(object.key)) continue;
    await deps.storage.delete(object.key);
    const tenantId = object.key.split('/')[0] ?? null;
    const tenant = tenantId ? await deps.store.read.tenants.findById(tenantId) : undefined;
    await deps.store.transaction((tx) =>
      tx.audit.append(
        auditEntry(
          { actor: systemActor, requestId: null, now: deps.now },
          {
            tenantId: tenant ? tenant.id : null,
            action: 'storage.repair',
            targetType: 'storageObject',
            targetId: null,
            outcome: 'success',
            details: { removed: object.key, reason: 'no version refers to it' },
          },
        ),
      ),
    );
    removed++;
  }
  return removed;
}
