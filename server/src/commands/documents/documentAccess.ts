import { conflict, DomainError, notFound } from '../../domain/errors.js';
import { servable, type DocumentEntry, type DocumentVersion } from '../../domain/documents.js';
import { allow, type Action } from '../../domain/policies/policy.js';
import type { LiveTextDocuments, TextDocumentRenderer } from '../../domain/ports/collab.js';
import type { ContentSniffer } from '../../domain/ports/contentSniffer.js';
import type { FileStorage } from '../../domain/ports/files.js';
import type { Store, StoreReader } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { loadRoomFor, roomResource, type LoadedRoom } from '../rooms/loadRoom.js';

export interface DocumentsDeps {
  store: Store;
  storage: FileStorage;
  sniffer: ContentSniffer;
  /** The installation's largest upload (DOCUMENTS_MAX_UPLOAD_MB), unless the tenant sets its own. */
  defaultMaxUploadBytes: number;
  /** What a tenant's documents may take in storage, all versions and the trash included (null: no quota). */
  tenantQuotaBytes?: number | null;
  /** The collaboration server's documents, for versions of text documents (null: none here). */
  liveTexts: LiveTextDocuments | null;
  /** Reads a text version as a document, to tell whether its content changed. */
  textRenderer: Pick<TextDocumentRenderer, 'toJson'>;
  /** The malware scanner, which checks new file versions before they may be read (ADR 0055); none: not scanned. */
  scans?: InlineScans;
}

/** Scans a new version while its upload is answered; what does not finish in time is left to its job. */
export interface InlineScans {
  /** Never rejects: a scanner that is down or slow leaves the version to its outbox job. */
  scanNow(versionId: string): Promise<void>;
}

/** How a new file version starts: waiting for the scanner where there is one. */
export const scanOf = (deps: { scans?: InlineScans }): 'pending' | 'none' => (deps.scans ? 'pending' : 'none');

/**
 * Refuses the bytes of a version that has not been found clean (ADR 0055): still being scanned
 * (409, try again soon), quarantined as infected, or not scannable (409 each, with its own type).
 */
export function requireServable(version: Pick<DocumentVersion, 'scan'>): void {
  if (servable(version)) return;
  if (version.scan === 'pending') {
    throw new DomainError(
      'conflict',
      'Die Datei wird noch auf Schadsoftware geprüft. / The file is still being checked for malware.',
      undefined,
      'scan-pending',
    );
  }
  if (version.scan === 'infected') {
    throw new DomainError(
      'conflict',
      'Die Datei enthält Schadsoftware und wurde gesperrt. / The file contains malware and was quarantined.',
      undefined,
      'quarantined',
    );
  }
  throw new DomainError(
    'conflict',
    'Die Datei konnte nicht auf Schadsoftware geprüft werden und bleibt gesperrt. / The file could not be checked for malware and stays withheld.',
    undefined,
    'scan-failed',
  );
}

/** An entry as the API shows it: with its current version and what the caller may do with it. */
export interface EntryView {
  entry: DocumentEntry;
  current: DocumentVersion | undefined;
  abilities: Record<string, boolean>;
}

const documentActions = ['document.read', 'document.write', 'document.purge'] as const;

export function documentAbilities(ctx: CommandContext, loaded: LoadedRoom): Record<string, boolean> {
  const resource = roomResource(loaded.tenant, loaded.room, loaded.myRole);
  return Object.fromEntries(documentActions.map((a) => [a, allow(ctx.actor, a, resource)]));
}

export async function viewOf(store: Store, ctx: CommandContext, loaded: LoadedRoom, entry: DocumentEntry) {
  const current = entry.currentVersionId ? await store.read.documents.findVersion(entry.currentVersionId) : undefined;
  return { entry, current, abilities: documentAbilities(ctx, loaded) } satisfies EntryView;
}

/** Views of many entries of one room, their current versions read in one query. */
export async function viewsOf(
  store: Store,
  ctx: CommandContext,
  loaded: LoadedRoom,
  entries: DocumentEntry[],
): Promise<EntryView[]> {
  const ids = entries.flatMap((e) => (e.currentVersionId ? [e.currentVersionId] : []));
  const versions = new Map((await store.read.documents.findVersions(ids)).map((v) => [v.id, v]));
  const abilities = documentAbilities(ctx, loaded);
  return entries.map((entry) => ({
    entry,
    current: entry.currentVersionId ? versions.get(entry.currentVersionId) : undefined,
    abilities,
  }));
}

/** The room (checked for `action`) and one of its entries; an entry of another room is "not found". */
export async function loadEntryFor(
  store: Store,
  ctx: CommandContext,
  action: Action,
  tenantId: string,
  roomId: string,
  entryId: string,
  auditDenied = action !== 'document.read',
): Promise<LoadedRoom & { entry: DocumentEntry }> {
  const loaded = await loadRoomFor(store, ctx, action, tenantId, roomId, auditDenied);
  const entry = await store.read.documents.findEntry(entryId);
  if (!entry || entry.roomId !== roomId || entry.tenantId !== tenantId) throw notFound('Document');
  return { ...loaded, entry };
}

/**
 * Whether the entry and every folder above it are out of the trash. Deleting
 * a folder marks only the folder; what is inside goes with it.
 */
export async function isLive(read: Pick<StoreReader, 'documents'>, entry: DocumentEntry): Promise<boolean> {
  let current: DocumentEntry | undefined = entry;
  for (let depth = 0; current && depth < 1000; depth++) {
    if (current.deletedAt !== null) return false;
    if (current.parentId === null) return true;
    current = await read.documents.findEntry(current.parentId);
  }
  return false;
}

export async function requireLive(read: Pick<StoreReader, 'documents'>, entry: DocumentEntry): Promise<void> {
  if (!(await isLive(read, entry))) throw conflict('The document is in the trash; restore it first');
}

/** A folder of the room that is not in the trash (null: the top level). */
export async function liveFolder(
  read: Pick<StoreReader, 'documents'>,
  roomId: string,
  folderId: string | null,
): Promise<DocumentEntry | null> {
  if (folderId === null) return null;
  const folder = await read.documents.findEntry(folderId);
  if (!folder || folder.roomId !== roomId) throw notFound('Folder');
  if (folder.kind !== 'folder') throw conflict('The target is not a folder');
  await requireLive(read, folder);
  return folder;
}

/** The folders from the top down to `folder` (inclusive). */
export async function pathTo(
  read: Pick<StoreReader, 'documents'>,
  folder: DocumentEntry | null,
): Promise<{ id: string; name: string }[]> {
  const path: { id: string; name: string }[] = [];
  for (let f = folder; f && path.length < 1000;) {
    path.unshift({ id: f.id, name: f.name });
    f = f.parentId === null ? null : ((await read.documents.findEntry(f.parentId)) ?? null);
  }
  return path;
}

/** Every entry inside a folder, deepest first, trash included (for purging). */
export async function descendants(tx: Pick<StoreReader, 'documents'>, folder: DocumentEntry): Promise<DocumentEntry[]> {
  if (folder.kind !== 'folder') return [];
  const trashed = (await tx.documents.listTrash(folder.roomId)).filter((e) => e.parentId === folder.id);
  const children = [...(await tx.documents.listFolder(folder.roomId, folder.id)), ...trashed];
  const out: DocumentEntry[] = [];
  for (const child of children) out.push(...(await descendants(tx, child)), child);
  return out;
}

export function documentAudit(
  ctx: CommandContext,
  entry: Pick<DocumentEntry, 'id' | 'tenantId' | 'roomId' | 'name'>,
  action: string,
  details: Record<string, unknown> = {},
) {
  return auditEntry(ctx, {
    tenantId: entry.tenantId,
    action,
    targetType: 'document',
    targetId: entry.id,
    outcome: 'success',
    details: { roomId: entry.roomId, name: entry.name, ...details },
  });
}

/** A second entry of that name in the folder: the unique index said no. */
export function nameTaken(name: string): DomainError {
  return conflict(`"${name}" already exists in this folder`);
}
