import type { Readable } from 'node:stream';
import { DomainError, notFound } from '../../domain/errors.js';
import type { DocumentEntry, DocumentVersion } from '../../domain/documents.js';
import type { CommandContext } from '../context.js';
import { loadRoomFor } from '../rooms/loadRoom.js';
import {
  documentAbilities,
  liveFolder,
  loadEntryFor,
  pathTo,
  viewOf,
  viewsOf,
  type EntryView,
  type DocumentsDeps,
  requireServable,
} from './documentAccess.js';

export interface FolderListing {
  folder: EntryView | null;
  path: { id: string; name: string }[];
  entries: EntryView[];
  abilities: Record<string, boolean>;
  limits: { maxUploadBytes: number };
}

/** A tenant's storage: what its documents take and its quota (null: none). */
export async function storageUse(
  deps: DocumentsDeps,
  tenantId: string,
): Promise<{ usedBytes: number; quotaBytes: number | null }> {
  return { usedBytes: await deps.store.read.documents.usedBytes(tenantId), quotaBytes: deps.tenantQuotaBytes ?? null };
}

export async function maxUploadBytes(deps: DocumentsDeps, tenantId: string): Promise<number> {
  return (await deps.store.read.documents.maxUploadBytes(tenantId)) ?? deps.defaultMaxUploadBytes;
}

/** A folder of the room's library (null: the top level) with its live entries. */
export async function listFolder(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  folderId: string | null,
): Promise<FolderListing> {
  const loaded = await loadRoomFor(deps.store, ctx, 'document.read', tenantId, roomId, false);
  const read = deps.store.read;
  const folder = await liveFolder(read, roomId, folderId);
  const entries = await read.documents.listFolder(roomId, folderId);
  return {
    folder: folder ? await viewOf(deps.store, ctx, loaded, folder) : null,
    path: await pathTo(read, folder),
    entries: await viewsOf(deps.store, ctx, loaded, entries),
    abilities: documentAbilities(ctx, loaded),
    limits: { maxUploadBytes: await maxUploadBytes(deps, tenantId) },
  };
}

export async function listTrash(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<{ entries: EntryView[]; abilities: Record<string, boolean> }> {
  const loaded = await loadRoomFor(deps.store, ctx, 'document.read', tenantId, roomId, false);
  const entries = await deps.store.read.documents.listTrash(roomId);
  return {
    entries: await viewsOf(deps.store, ctx, loaded, entries),
    abilities: documentAbilities(ctx, loaded),
  };
}

export async function getEntry(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.read', tenantId, roomId, entryId);
  return viewOf(deps.store, ctx, loaded, loaded.entry);
}

export async function listVersions(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<{ entry: DocumentEntry; versions: DocumentVersion[] }> {
  const { entry } = await loadEntryFor(deps.store, ctx, 'document.read', tenantId, roomId, entryId);
  return { entry, versions: await deps.store.read.documents.versions(entryId) };
}

export interface OpenedContent {
  name: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/** The bytes of an entry's current version, or of one of its versions. */
export async function openContent(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
  versionId: string | undefined,
): Promise<OpenedContent> {
  const { entry } = await loadEntryFor(deps.store, ctx, 'document.read', tenantId, roomId, entryId);
  // A text document's versions are editing states, meaningful only to the editor: it is read as an export.
  if (entry.kind === 'text') {
    throw new DomainError(
      'invalid',
      'Textdokumente werden als ODT, DOCX oder PDF exportiert. / Text documents are exported as ODT, DOCX or PDF.',
      undefined,
      'export-text-documents',
    );
  }
  const id = versionId ?? entry.currentVersionId;
  const version = id ? await deps.store.read.documents.findVersion(id) : undefined;
  if (!version || version.entryId !== entry.id) throw notFound('Version');
  requireServable(version);
  const object = await deps.storage.get(version.storageKey);
  if (!object) throw notFound('Content');
  return { name: entry.name, contentType: version.contentType, size: object.size, stream: object.stream };
}
