import { previewSource } from '../../domain/documentFormats.js';
import { storageKeys, type DocumentVersion } from '../../domain/documents.js';
import type { DocumentConverter } from '../../domain/ports/conversion.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store, StoreTx } from '../../domain/ports/store.js';
import { checkedHandlers, jobKinds, type JobHandlers, type JobPayloads } from '../../domain/jobs/catalog.js';
import { jobFailureRecorder } from '../jobFailures.js';
import { notifyMembers } from '../roomSignals.js';
import { enqueueVersionJob } from './versionJobs.js';

/** Attempts of a preview job: a timeout may pass on a quieter machine, a broken file will not. */
export const PREVIEW_ATTEMPTS = 3;

/**
 * Queues the PDF preview of a new file version, in the transaction that
 * inserted it (with `preview: initialPreview(...)`). Does nothing for versions
 * that get no preview. Safe to call twice: one job per version.
 */
export async function enqueuePreview(
  tx: StoreTx,
  version: Pick<DocumentVersion, 'id' | 'entryId' | 'preview'>,
): Promise<void> {
  if (version.preview !== 'pending') return;
  await enqueueVersionJob(tx, jobKinds.documentPreview, version, PREVIEW_ATTEMPTS);
}

export interface PreviewDeps {
  store: Store;
  files: FileStorage;
  converter: DocumentConverter;
}

/**
 * The preview job: reads the version's bytes from the file storage, has
 * LibreOffice make a PDF of them and stores it beside the version. Safe to
 * repeat: the PDF's key is the version's, a second run overwrites the first.
 * A version purged meanwhile leaves no preview behind.
 */
export function previewHandlers(deps: PreviewDeps) {
  const { store, files, converter } = deps;

  async function makePreview({ versionId }: JobPayloads['library.preview']): Promise<void> {
    const version = await store.read.documents.findVersion(versionId);
    if (!version || version.preview === 'ready') return;
    const entry = await store.read.documents.findEntry(version.entryId);
    if (!entry) return;
    const ext = previewSource(version.contentType, entry.name);
    if (ext === null) {
      await store.transaction(async (tx) => {
        await tx.documents.setPreview(versionId, 'none', null, null);
        await notifyMembers(tx, entry.tenantId, entry.roomId);
      });
      return;
    }
    const source = await files.get(version.storageKey);
    if (!source)
      throw Object.assign(new Error('the version’s content is missing in the file storage'), { retryable: false });
    const key = storageKeys.preview(entry.tenantId, entry.id, version.id);
    await converter.convert({ fileName: `document.${ext}`, content: source.stream }, 'pdf', (pdf) =>
      files.put(key, pdf.stream, { maxBytes: pdf.size, contentType: 'application/pdf' }),
    );
    const kept = await store.transaction(async (tx) => {
      if (!(await tx.documents.findVersion(versionId))) return false;
      await tx.documents.setPreview(versionId, 'ready', key, null);
      // The library open in a browser shows the preview without a reload.
      await notifyMembers(tx, entry.tenantId, entry.roomId);
      return true;
    });
    if (!kept) await files.delete(key);
  }

  const handlers: JobHandlers<typeof jobKinds.documentPreview> = {
    [jobKinds.documentPreview]: makePreview,
  };

  /** Retrying has ended: the version shows "failed" with the reason (a timeout among them). */
  const onFailed = jobFailureRecorder({ store });

  return { handlers: checkedHandlers(handlers), onFailed };
}
