import { failureRecordOf } from '../domain/jobs/catalog.js';
import type { OutboxJob } from '../domain/outbox.js';
import type { Store } from '../domain/ports/store.js';
import { notifyMembers } from './roomSignals.js';

/**
 * What the outbox worker calls when a job will not be retried any more: the record the job's
 * kind names in the catalog shows "failed" with the reason (a lost notice names none).
 */
export function jobFailureRecorder(deps: { store: Store; now?: () => number }) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  return async function onFailed(job: Pick<OutboxJob, 'kind' | 'payload'>, reason: string): Promise<void> {
    const record = failureRecordOf(job);
    switch (record?.type) {
      case 'tenant':
        return store.write.tenants.setSync(record.id, 'failed', reason, now());
      case 'person':
        return store.write.people.setSync(record.id, 'failed', reason, now());
      case 'room':
        return store.write.rooms.setSync(record.id, 'failed', reason, now());
      case 'version': {
        // A version purged meanwhile has no preview to show.
        const version = await store.read.documents.findVersion(record.id);
        const entry = version && (await store.read.documents.findEntry(version.entryId));
        if (!version || !entry) return;
        await store.transaction(async (tx) => {
          await tx.documents.setPreview(record.id, 'failed', null, reason.slice(0, 500));
          // The library open in a browser shows the failure without a reload.
          await notifyMembers(tx, entry.tenantId, entry.roomId);
        });
        return;
      }
      case 'export':
        return store.write.privacy.finishExport(record.id, { state: 'failed', error: reason.slice(0, 500) });
      case 'versionScan': {
        const version = await store.read.documents.findVersion(record.id);
        const entry = version && (await store.read.documents.findEntry(version.entryId));
        if (!version || !entry || version.scan !== 'pending') return;
        await store.transaction(async (tx) => {
          // Never read without a scan: it stays held back, and gets no preview.
          await tx.documents.setScan(record.id, 'failed', null);
          await tx.documents.setPreview(record.id, 'none', null, null);
          await notifyMembers(tx, entry.tenantId, entry.roomId);
        });
        return;
      }
      case undefined:
        return;
    }
  };
}
