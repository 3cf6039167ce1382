import { initialPreview } from '../../domain/documentFormats.js';
import type { DocumentEntry } from '../../domain/documents.js';
import type { StoreTx } from '../../domain/ports/store.js';
import { actingPerson, type CommandContext } from '../context.js';
import { enqueuePreview } from './previews.js';
import { enqueueScan } from './scans.js';

/**
 * Inserts a new version of an entry and makes it current (inside the caller's transaction). A
 * version to be scanned (`scan: 'pending'`, ADR 0055) gets its scan job now and its preview job
 * once it is found clean; any other gets its preview job now.
 */
export async function addVersion(
  tx: StoreTx,
  ctx: CommandContext,
  entry: Pick<DocumentEntry, 'id' | 'name'>,
  version: {
    id: string;
    key: string;
    size: number;
    sha256: string;
    contentType: string;
    scan: 'pending' | 'none';
  },
): Promise<number> {
  const by = actingPerson(ctx);
  const number = await tx.documents.nextVersionNumber(entry.id);
  // Office formats get a PDF preview, made off the request path by an outbox job.
  const preview = initialPreview(version.contentType, entry.name);
  await tx.documents.insertVersion({
    id: version.id,
    entryId: entry.id,
    number,
    storageKey: version.key,
    size: version.size,
    contentType: version.contentType,
    sha256: version.sha256,
    createdBy: by.id,
    createdByName: by.name,
    createdAt: ctx.now,
    preview,
    scan: version.scan,
  });
  if (version.scan === 'pending') await enqueueScan(tx, { id: version.id, entryId: entry.id });
  else await enqueuePreview(tx, { id: version.id, entryId: entry.id, preview });
  await tx.documents.updateEntry(entry.id, {
    currentVersionId: version.id,
    size: version.size,
    contentType: version.contentType,
    updatedBy: by.id,
    updatedByName: by.name,
    updatedAt: ctx.now,
  });
  return number;
}
