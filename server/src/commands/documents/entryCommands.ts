import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../domain/errors.js';
import { sanitizeEntryName, unusedName } from '../../domain/fileNames.js';
import type { DocumentEntry } from '../../domain/documents.js';
import type { StoreTx } from '../../domain/ports/store.js';
import { actingPerson, type CommandContext } from '../context.js';
import { loadRoomFor } from '../rooms/loadRoom.js';
import {
  descendants,
  documentAudit,
  isLive,
  liveFolder,
  loadEntryFor,
  nameTaken,
  requireLive,
  viewOf,
  type EntryView,
  type DocumentsDeps,
} from './documentAccess.js';

const who = actingPerson;

async function reload(deps: DocumentsDeps, id: string): Promise<DocumentEntry> {
  const entry = await deps.store.read.documents.findEntry(id);
  if (!entry) throw notFound('Document');
  return entry;
}

async function assertNameFree(
  tx: StoreTx,
  entry: { roomId: string; id?: string },
  parentId: string | null,
  name: string,
) {
  const other = await tx.documents.findLiveByName(entry.roomId, parentId, name);
  if (other && other.id !== entry.id) throw nameTaken(other.name);
}

export async function createFolder(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  input: { name: string; parentId: string | null },
): Promise<EntryView> {
  const loaded = await loadRoomFor(deps.store, ctx, 'document.write', tenantId, roomId, true);
  const name = sanitizeEntryName(input.name);
  const id = randomUUID();
  const by = who(ctx);
  await deps.store.transaction(async (tx) => {
    await liveFolder(tx, roomId, input.parentId);
    await assertNameFree(tx, { roomId }, input.parentId, name);
    await tx.documents.insertEntry({
      id,
      tenantId,
      roomId,
      parentId: input.parentId,
      kind: 'folder',
      name,
      currentVersionId: null,
      size: 0,
      contentType: '',
      createdBy: by.id,
      createdByName: by.name,
      createdAt: ctx.now,
      updatedBy: by.id,
      updatedByName: by.name,
      updatedAt: ctx.now,
    });
    await tx.audit.append(documentAudit(ctx, { id, tenantId, roomId, name }, 'document.createFolder'));
  });
  return viewOf(deps.store, ctx, loaded, await reload(deps, id));
}

/** Whether `folderId` is `entry` itself or lies inside it (moving there would make a cycle). */
async function isWithin(tx: StoreTx, folderId: string | null, entry: DocumentEntry): Promise<boolean> {
  for (let id = folderId, depth = 0; id !== null && depth < 1000; depth++) {
    if (id === entry.id) return true;
    id = (await tx.documents.findEntry(id))?.parentId ?? null;
  }
  return false;
}

/** Rename and/or move into another folder of the same room. */
export async function updateEntry(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
  changes: { name?: string | undefined; parentId?: string | null | undefined },
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.write', tenantId, roomId, entryId);
  const by = who(ctx);
  await deps.store.transaction(async (tx) => {
    const entry = await tx.documents.findEntry(entryId);
    if (!entry) throw notFound('Document');
    await requireLive(tx, entry);
    const name = changes.name === undefined ? entry.name : sanitizeEntryName(changes.name);
    const parentId = changes.parentId === undefined ? entry.parentId : changes.parentId;
    if (parentId !== entry.parentId) {
      await liveFolder(tx, roomId, parentId);
      if (await isWithin(tx, parentId, entry)) throw conflict('A folder cannot be moved into itself');
    }
    if (name === entry.name && parentId === entry.parentId) return;
    await assertNameFree(tx, entry, parentId, name);
    await tx.documents.updateEntry(entry.id, {
      name,
      parentId,
      updatedBy: by.id,
      updatedByName: by.name,
      updatedAt: ctx.now,
    });
    if (name !== entry.name) {
      await tx.audit.append(documentAudit(ctx, { ...entry, name }, 'document.rename', { from: entry.name }));
    }
    if (parentId !== entry.parentId) {
      await tx.audit.append(
        documentAudit(ctx, { ...entry, name }, 'document.move', { from: entry.parentId, to: parentId }),
      );
    }
  });
  return viewOf(deps.store, ctx, loaded, await reload(deps, entryId));
}

/** Into the room's trash; a folder takes its contents with it. */
export async function deleteEntry(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.write', tenantId, roomId, entryId);
  await deps.store.transaction(async (tx) => {
    const entry = await tx.documents.findEntry(entryId);
    if (!entry) throw notFound('Document');
    await requireLive(tx, entry);
    await tx.documents.setDeleted(entry.id, ctx.now, who(ctx).id);
    await tx.audit.append(documentAudit(ctx, entry, 'document.delete', { kind: entry.kind }));
  });
  return viewOf(deps.store, ctx, loaded, await reload(deps, entryId));
}

/**
 * Out of the trash, back into its folder (or to the top level if that folder
 * is gone or in the trash itself); a name now taken gets " (2)", " (3)" ….
 */
export async function restoreEntry(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.write', tenantId, roomId, entryId);
  const by = who(ctx);
  await deps.store.transaction(async (tx) => {
    const entry = await tx.documents.findEntry(entryId);
    if (!entry) throw notFound('Document');
    if (entry.deletedAt === null) throw conflict('The document is not in the trash');
    const parent = entry.parentId === null ? undefined : await tx.documents.findEntry(entry.parentId);
    const parentId = parent && (await isLive(tx, parent)) ? parent.id : null;
    const taken = new Set((await tx.documents.listFolder(roomId, parentId)).map((e) => e.name.toLowerCase()));
    const name = unusedName(entry.name, entry.kind === 'folder', (n) => taken.has(n.toLowerCase()));
    await tx.documents.updateEntry(entry.id, {
      name,
      parentId,
      updatedBy: by.id,
      updatedByName: by.name,
      updatedAt: ctx.now,
    });
    await tx.documents.setDeleted(entry.id, null, null);
    await tx.audit.append(
      documentAudit(ctx, { ...entry, name }, 'document.restore', {
        ...(name !== entry.name ? { renamedFrom: entry.name } : {}),
        ...(parentId !== entry.parentId ? { movedFrom: entry.parentId } : {}),
      }),
    );
  });
  return viewOf(deps.store, ctx, loaded, await reload(deps, entryId));
}

/**
 * Removes an entry in the trash for good, with everything inside it and all
 * versions. The rows go first, in one transaction; the bytes after, so a
 * failure can leave only unreferenced objects (the sweeper removes them),
 * never a row without its bytes. Deleting objects is safe to repeat.
 */
export async function purgeEntry(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<void> {
  await loadEntryFor(deps.store, ctx, 'document.purge', tenantId, roomId, entryId);
  const keys = await deps.store.transaction(async (tx) => {
    const entry = await tx.documents.findEntry(entryId);
    if (!entry) throw notFound('Document');
    if (entry.deletedAt === null) throw conflict('Only documents in the trash can be removed for good');
    const doomed = [...(await descendants(tx, entry)), entry];
    const objectKeys: string[] = [];
    for (const e of doomed) {
      for (const v of await tx.documents.versions(e.id)) {
        objectKeys.push(v.storageKey, ...(v.previewKey ? [v.previewKey] : []));
      }
      await tx.documents.purgeEntry(e.id);
    }
    await tx.audit.append(
      documentAudit(ctx, entry, 'document.purge', { entries: doomed.length, objects: objectKeys.length }),
    );
    return objectKeys;
  });
  // An object left behind here (storage unreachable) is unreferenced now: the sweeper removes it later.
  for (const key of keys) await deps.storage.delete(key).catch(() => undefined);
}
