import { createHash, randomUUID } from 'node:crypto';
import { initialPreview } from '../../src/domain/documentFormats.js';
import { storageKeys, type EntryKind, type PreviewState } from '../../src/domain/documents.js';
import type { Store, StoreTx } from '../../src/domain/ports/store.js';

/**
 * Writes library entries straight into the desired state, as the library's
 * upload would: an entry and its first version. Tests of previews, exports,
 * sharing and WOPI use it to set up the entries they work on.
 */
export async function insertEntry(
  store: Store,
  input: {
    tenantId: string;
    roomId: string;
    name: string;
    kind: EntryKind;
    contentType?: string;
    bytes?: Buffer;
    preview?: PreviewState;
    /** 'pending': stored as an upload leaves it where a scanner will look at it. */
    scan?: 'pending' | 'none';
    by?: { id: string; name: string };
  },
  also?: (tx: StoreTx, ids: { entryId: string; versionId: string | null; storageKey: string | null }) => Promise<void>,
): Promise<{ entryId: string; versionId: string | null; storageKey: string | null }> {
  const now = Date.now();
  const entryId = randomUUID();
  const by = input.by ?? { id: 'fixture', name: 'Testdaten' };
  const contentType = input.contentType ?? '';
  const withVersion = input.kind === 'file' && input.bytes !== undefined;
  const versionId = withVersion ? randomUUID() : null;
  const storageKey = versionId ? storageKeys.version(input.tenantId, entryId, versionId) : null;
  await store.transaction(async (tx) => {
    await tx.documents.insertEntry({
      id: entryId,
      tenantId: input.tenantId,
      roomId: input.roomId,
      parentId: null,
      kind: input.kind,
      name: input.name,
      currentVersionId: null,
      size: 0,
      contentType,
      createdBy: by.id,
      createdByName: by.name,
      createdAt: now,
      updatedBy: by.id,
      updatedByName: by.name,
      updatedAt: now,
    });
    if (versionId && storageKey && input.bytes) {
      await tx.documents.insertVersion({
        id: versionId,
        entryId,
        number: 1,
        storageKey,
        size: input.bytes.length,
        contentType,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        createdBy: by.id,
        createdByName: by.name,
        createdAt: now,
        preview: input.preview ?? initialPreview(contentType, input.name),
        scan: input.scan ?? 'none',
      });
      await tx.documents.updateEntry(entryId, { currentVersionId: versionId, size: input.bytes.length });
    }
    await also?.(tx, { entryId, versionId, storageKey });
  });
  return { entryId, versionId, storageKey };
}

/** A Word file (its first bytes only) whose preview is still to be made: enough for sharing and links. */
export function insertWordFile(
  store: Store,
  input: { tenantId: string; roomId: string; name: string; by?: { id: string; name: string } },
): Promise<{ entryId: string; versionId: string | null; storageKey: string | null }> {
  return insertEntry(store, {
    ...input,
    kind: 'file',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: Buffer.from('PK'),
    preview: 'pending',
  });
}
