import { systemActor } from '../../domain/actor.js';
import type { DocumentVersion } from '../../domain/documents.js';
import { checkedHandlers, jobKinds, type JobHandlers, type JobPayloads } from '../../domain/jobs/catalog.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { MalwareScanner } from '../../domain/ports/malwareScanner.js';
import type { Store, StoreTx } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { jobFailureRecorder } from '../jobFailures.js';
import { notifyMembers } from '../roomSignals.js';
import type { InlineScans } from './documentAccess.js';
import { enqueuePreview } from './previews.js';
import { enqueueVersionJob } from './versionJobs.js';

/**
 * Attempts of a scan job. A scanner that is down delays the scan (the file stays held back) for
 * about an hour of retries before the version shows "could not be scanned".
 */
export const SCAN_ATTEMPTS = 12;

/** Queues the scan of a new file version, in the transaction that inserted it (ADR 0055). */
export async function enqueueScan(tx: StoreTx, version: Pick<DocumentVersion, 'id' | 'entryId'>): Promise<void> {
  await enqueueVersionJob(tx, jobKinds.documentScan, version, SCAN_ATTEMPTS);
}

export interface ScanDeps {
  store: Store;
  files: FileStorage;
  scanner: MalwareScanner;
  now?: () => number;
  /** How long an upload's answer waits for its scan before leaving it to the job. */
  inlineBudgetMs?: number;
  /** Larger versions are scanned by their job alone, after the upload is answered. */
  inlineMaxBytes?: number;
}

/** The workspace itself acts on a scan's result: the audit log names the system, not a person. */
const scannerContext = (now: number): CommandContext => ({ actor: systemActor, requestId: null, now });

/**
 * The scan job: streams the version's bytes to the scanner. Clean: the version may be read, and
 * its preview is queued. Infected: the version is quarantined (kept, never served, no preview),
 * the audit log records it, and the uploader and the tenant's admins are told by e-mail. Safe to
 * repeat: a version already scanned is left as it is.
 */
export function scanHandlers(deps: ScanDeps) {
  const { store, files, scanner } = deps;
  const now = deps.now ?? Date.now;

  async function scan({ versionId }: JobPayloads['document.scan']): Promise<void> {
    const version = await store.read.documents.findVersion(versionId);
    if (!version || version.scan !== 'pending') return;
    const entry = await store.read.documents.findEntry(version.entryId);
    if (!entry) return;
    const object = await files.get(version.storageKey);
    if (!object)
      throw Object.assign(new Error('the version’s content is missing in the file storage'), { retryable: false });
    const verdict = await scanner.scan(object.stream);
    await store.transaction(async (tx) => {
      const current = await tx.documents.findVersion(versionId);
      if (!current || current.scan !== 'pending') return;
      if (verdict.clean) {
        await tx.documents.setScan(versionId, 'clean', null);
        await enqueuePreview(tx, current);
      } else {
        await tx.documents.setScan(versionId, 'infected', verdict.signature.slice(0, 200));
        await tx.documents.setPreview(versionId, 'none', null, null);
        await tx.audit.append(
          auditEntry(scannerContext(now()), {
            tenantId: entry.tenantId,
            action: 'document.quarantined',
            outcome: 'success',
            targetType: 'library_entry',
            targetId: entry.id,
            details: {
              roomId: entry.roomId,
              name: entry.name,
              version: current.number,
              uploadedBy: current.createdBy,
              signature: verdict.signature.slice(0, 200),
            },
          }),
        );
        const admins = (await tx.people.list(entry.tenantId, { status: 'active' })).filter(
          (p) => p.role === 'tenant-admin',
        );
        const told = new Set([current.createdBy, ...admins.map((a) => a.id)]);
        for (const personId of told) {
          await tx.outbox.enqueue({
            kind: jobKinds.mailNotice,
            payload: { personId, kind: 'document.quarantined', versionId },
            dedupeKey: `quarantined:${versionId}:${personId}`,
          });
        }
      }
      // A folder open in a browser shows the outcome without a reload.
      await notifyMembers(tx, entry.tenantId, entry.roomId);
    });
  }

  const handlers: JobHandlers<typeof jobKinds.documentScan> = { [jobKinds.documentScan]: scan };
  /** Retrying has ended: the version shows "could not be scanned" and stays held back. */
  const onFailed = jobFailureRecorder({ store, now });
  const budget = deps.inlineBudgetMs ?? 20_000;
  const inlineMaxBytes = deps.inlineMaxBytes ?? 32 * 1024 * 1024;
  /**
   * The same scan right after the upload is recorded, so its answer can already say "clean". A
   * scanner that fails or takes longer than the budget leaves it to the queued job, which finds
   * the version scanned (and does nothing) or scans it itself. A large file is left to the job at
   * once: its upload is answered without waiting, and the room hears when the scan is done.
   */
  const inline: InlineScans = {
    async scanNow(versionId) {
      const version = await store.read.documents.findVersion(versionId);
      if (!version || version.size > inlineMaxBytes) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, budget)));
      await Promise.race([scan({ versionId, entryId: '' }).catch(() => undefined), late]);
      clearTimeout(timer);
    },
  };
  return { handlers: checkedHandlers(handlers), onFailed, inline };
}
