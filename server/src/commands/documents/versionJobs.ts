import { jobKinds } from '../../domain/jobs/catalog.js';
import type { DocumentVersion } from '../../domain/documents.js';
import type { StoreTx } from '../../domain/ports/store.js';

/** The jobs that work on one file version: its malware scan and its preview. */
type VersionJobKind = typeof jobKinds.documentScan | typeof jobKinds.documentPreview;

/** Queues a job for a version, once per version and kind (inside the caller's transaction). */
export async function enqueueVersionJob(
  tx: StoreTx,
  kind: VersionJobKind,
  version: Pick<DocumentVersion, 'id' | 'entryId'>,
  maxAttempts: number,
): Promise<void> {
  await tx.outbox.enqueue({
    kind,
    payload: { versionId: version.id, entryId: version.entryId },
    dedupeKey: `${kind === jobKinds.documentScan ? 'scan' : 'preview'}:${version.id}`,
    maxAttempts,
  });
}
