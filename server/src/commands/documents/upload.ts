import { randomUUID } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { sniffBytes, storedContentType } from '../../domain/contentTypes.js';
import { conflict, notFound, quotaExceeded, tooLarge, type DomainError } from '../../domain/errors.js';
import { sanitizeEntryName } from '../../domain/fileNames.js';
import { storageKeys } from '../../domain/documents.js';
import { TooLargeError, type StoredObject } from '../../domain/ports/files.js';
import { actingPerson, type CommandContext } from '../context.js';
import { loadRoomFor } from '../rooms/loadRoom.js';
import {
  documentAudit,
  liveFolder,
  loadEntryFor,
  nameTaken,
  requireLive,
  viewOf,
  type EntryView,
  type DocumentsDeps,
  scanOf,
} from './documentAccess.js';
import { maxUploadBytes, storageUse } from './documentQueries.js';
import { restoreTextVersion } from './textVersions.js';
import { addVersion } from './versions.js';

/** Keeps a copy of the first bytes passing through, for recognising the format. */
class HeadTap extends Transform {
  readonly #parts: Buffer[] = [];
  #kept = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.#kept < sniffBytes) {
      const part = chunk.subarray(0, sniffBytes - this.#kept);
      this.#parts.push(Buffer.from(part));
      this.#kept += part.length;
    }
    done(null, chunk);
  }

  get head(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

export interface Upload {
  parentId: string | null;
  /** The name as the client sent it; sanitized here. */
  name: string;
  /** What the client announced (Content-Length), if anything. */
  declaredBytes: number | undefined;
  content: Readable;
}

/**
 * Streams `content` into the storage under the new version's final key (the
 * object appears only once complete and within the limit), then records the
 * version in one transaction. If recording fails, the object is deleted; if
 * the stream fails, the storage keeps nothing. Either way nothing is left.
 */
async function storeVersion(
  deps: DocumentsDeps,
  key: string,
  content: Readable,
  maxBytes: number,
  record: (stored: StoredObject, contentType: string) => Promise<void>,
  overLimit: () => DomainError = () => tooLarge(maxBytes),
): Promise<void> {
  const tap = new HeadTap();
  // Piped, not pipelined: a refused upload must not destroy the request, so its answer still reaches the client.
  content.on('error', (error) => tap.destroy(error));
  content.on('close', () => {
    if (!content.readableEnded) tap.destroy(new Error('The upload broke off'));
  });
  content.pipe(tap);
  let stored: StoredObject;
  try {
    stored = await deps.storage.put(key, tap, { maxBytes, contentType: 'application/octet-stream' });
  } catch (error) {
    if (error instanceof TooLargeError) throw overLimit();
    throw error;
  }
  try {
    const head = tap.head;
    await record(stored, storedContentType(await deps.sniffer.detect(head), head));
  } catch (error) {
    await deps.storage.delete(key);
    throw error;
  }
}

/**
 * A new file in a folder, or a new version of the live file of that name
 * there. `created` tells which.
 */
export async function uploadFile(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  upload: Upload,
): Promise<{ view: EntryView; created: boolean }> {
  const loaded = await loadRoomFor(deps.store, ctx, 'document.write', tenantId, roomId, true);
  const fileLimit = await maxUploadBytes(deps, tenantId);
  const { usedBytes, quotaBytes } = await storageUse(deps, tenantId);
  const left = quotaBytes === null ? Infinity : Math.max(0, quotaBytes - usedBytes);
  const full = () => quotaExceeded(quotaBytes ?? 0, usedBytes);
  // Refused before a byte is read when the client says how much it sends.
  if (upload.declaredBytes !== undefined && upload.declaredBytes > fileLimit) throw tooLarge(fileLimit);
  if (upload.declaredBytes !== undefined && upload.declaredBytes > left) throw full();
  const limit = Math.min(fileLimit, left);
  const name = sanitizeEntryName(upload.name);
  await liveFolder(deps.store.read, roomId, upload.parentId);
  const existing = await deps.store.read.documents.findLiveByName(roomId, upload.parentId, name);
  if (existing && existing.kind !== 'file') throw nameTaken(existing.name);
  const entryId = existing?.id ?? randomUUID();
  const versionId = randomUUID();
  const key = storageKeys.version(tenantId, entryId, versionId);
  const who = actingPerson(ctx);

  await storeVersion(
    deps,
    key,
    upload.content,
    limit,
    (stored, contentType) =>
      deps.store.transaction(async (tx) => {
        // Checked again: the folder or the name may have changed while the bytes arrived.
        await liveFolder(tx, roomId, upload.parentId);
        // So may the storage others used meanwhile.
        if (quotaBytes !== null) {
          const used = await tx.documents.usedBytes(tenantId);
          if (used + stored.size > quotaBytes) throw quotaExceeded(quotaBytes, used);
        }
        const now = await tx.documents.findLiveByName(roomId, upload.parentId, name);
        if (existing ? now?.id !== existing.id : now !== undefined) throw nameTaken(name);
        if (!existing) {
          await tx.documents.insertEntry({
            id: entryId,
            tenantId,
            roomId,
            parentId: upload.parentId,
            kind: 'file',
            name,
            currentVersionId: null,
            size: 0,
            contentType,
            createdBy: who.id,
            createdByName: who.name,
            createdAt: ctx.now,
            updatedBy: who.id,
            updatedByName: who.name,
            updatedAt: ctx.now,
          });
        }
        const number = await addVersion(
          tx,
          ctx,
          { id: entryId, name },
          { id: versionId, key, size: stored.size, sha256: stored.sha256, contentType, scan: scanOf(deps) },
        );
        await tx.audit.append(
          documentAudit(ctx, { id: entryId, tenantId, roomId, name }, 'document.upload', {
            version: number,
            size: stored.size,
            contentType,
            sha256: stored.sha256,
          }),
        );
      }),
    () => (left < fileLimit ? full() : tooLarge(fileLimit)),
  );
  // Mostly done before the answer, so the file can be read at once (ADR 0055).
  await deps.scans?.scanNow(versionId);
  const entry = await deps.store.read.documents.findEntry(entryId);
  if (!entry) throw notFound('Document');
  return { view: await viewOf(deps.store, ctx, loaded, entry), created: !existing };
}

/** Makes an earlier version current again, as a new version with a copy of its bytes. */
export async function restoreVersion(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
  versionId: string,
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.write', tenantId, roomId, entryId);
  const { entry } = loaded;
  // A text document's version goes back into the live document, where its editors see it at once.
  if (entry.kind === 'text') return restoreTextVersion(deps, ctx, loaded, versionId);
  if (entry.kind !== 'file') throw conflict('Only files and text documents have versions to restore');
  await requireLive(deps.store.read, entry);
  const old = await deps.store.read.documents.findVersion(versionId);
  if (!old || old.entryId !== entry.id) throw notFound('Version');
  const object = await deps.storage.get(old.storageKey);
  if (!object) throw notFound('Content');
  const newId = randomUUID();
  const key = storageKeys.version(tenantId, entry.id, newId);
  await storeVersion(deps, key, object.stream, Math.max(old.size, object.size), (stored) =>
    deps.store.transaction(async (tx) => {
      const number = await addVersion(tx, ctx, entry, {
        id: newId,
        key,
        size: stored.size,
        sha256: stored.sha256,
        contentType: old.contentType,
        // A copy is scanned again: the scanner may know more now than when the original came.
        scan: scanOf(deps),
      });
      await tx.audit.append(
        documentAudit(ctx, entry, 'document.restoreVersion', { version: number, from: old.number }),
      );
    }),
  );
  await deps.scans?.scanNow(newId);
  const updated = await deps.store.read.documents.findEntry(entry.id);
  if (!updated) throw notFound('Document');
  return viewOf(deps.store, ctx, loaded, updated);
}
