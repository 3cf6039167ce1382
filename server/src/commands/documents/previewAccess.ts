import type { Readable } from 'node:stream';
import { exportFileName } from '../../domain/documentFormats.js';
import { DomainError, notFound, unavailable } from '../../domain/errors.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store } from '../../domain/ports/store.js';
import type { CommandContext } from '../context.js';
import { requireServable } from './documentAccess.js';
import { loadDocumentFor } from './loadDocument.js';

export interface PreviewFile {
  stream: Readable;
  size: number;
  /** The entry's name with `.pdf`. */
  fileName: string;
}

/**
 * The PDF preview of a file's current version. While it is being made the
 * answer is "not ready" (409, `preview-not-ready`); a file whose format gets no
 * preview, or whose preview failed, has none (404, the reason in details).
 */
export async function openPreview(
  deps: { store: Store; files: FileStorage | null },
  ctx: CommandContext,
  ids: { tenantId: string; roomId: string; entryId: string },
): Promise<PreviewFile> {
  const { entry } = await loadDocumentFor(deps.store, ctx, 'document.read', ids);
  const version =
    entry.kind === 'file' && entry.currentVersionId
      ? await deps.store.read.documents.findVersion(entry.currentVersionId)
      : undefined;
  if (!version) throw notFound('Preview');
  requireServable(version);
  if (version.preview === 'none') throw notFound('Preview');
  if (version.preview === 'pending') {
    throw new DomainError(
      'conflict',
      'Die Vorschau wird noch erstellt. / The preview is still being made.',
      undefined,
      'preview-not-ready',
    );
  }
  if (version.preview === 'failed' || !version.previewKey) {
    throw new DomainError(
      'not-found',
      'Für diese Datei gibt es keine Vorschau. / There is no preview of this file.',
      { reason: version.previewError },
      'preview-failed',
    );
  }
  if (!deps.files) throw unavailable('No file storage is configured', 'storage-not-configured');
  const object = await deps.files.get(version.previewKey);
  if (!object) throw notFound('Preview');
  return {
    stream: object.stream,
    size: object.size,
    fileName: exportFileName(entry.name.replace(/\.[^.]*$/, ''), 'pdf'),
  };
}
