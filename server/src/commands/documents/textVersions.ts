import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../domain/actor.js';
import { DomainError, notFound, unavailable } from '../../domain/errors.js';
import { storageKeys, type DocumentEntry, type DocumentVersion } from '../../domain/documents.js';
import { compareTexts, type ComparedBlock } from './textComparison.js';
import type { LiveTextDocuments } from '../../domain/ports/collab.js';
import { textContentHash, textVersionContentType } from '../../domain/textVersions.js';
import type { CommandContext } from '../context.js';
import type { LoadedRoom } from '../rooms/loadRoom.js';
import {
  documentAudit,
  isLive,
  loadEntryFor,
  requireLive,
  viewOf,
  type EntryView,
  type DocumentsDeps,
} from './documentAccess.js';
import { addVersion } from './versions.js';

const notText = (): DomainError =>
  new DomainError(
    'invalid',
    'Nur Textdokumente haben Versionen zum Speichern. / Only text documents have versions to save.',
    undefined,
    'not-a-text-document',
  );

function liveTexts(deps: DocumentsDeps): LiveTextDocuments {
  if (!deps.liveTexts) throw unavailable('Text documents are not available here', 'texts-not-configured');
  return deps.liveTexts;
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  const all = Buffer.concat(parts);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** The stored snapshot of one of the entry's versions. */
async function versionState(deps: DocumentsDeps, storageKey: string): Promise<Uint8Array> {
  const object = await deps.storage.get(storageKey);
  if (!object) throw notFound('Content');
  return readAll(object.stream);
}

/**
 * Stores a snapshot as the entry's next version: the object first, then
 * version row, entry and audit entry in one transaction; if that fails the
 * object is deleted again, so no row ever lacks its bytes.
 */
async function recordTextVersion(
  deps: DocumentsDeps,
  ctx: CommandContext,
  entry: DocumentEntry,
  state: Uint8Array,
  action: string,
  details: Record<string, unknown> = {},
): Promise<number> {
  const versionId = randomUUID();
  const key = storageKeys.version(entry.tenantId, entry.id, versionId);
  const stored = await deps.storage.put(key, Readable.from([Buffer.from(state)]), {
    maxBytes: Math.max(1, state.byteLength),
    contentType: textVersionContentType,
  });
  try {
    return await deps.store.transaction(async (tx) => {
      const number = await addVersion(tx, ctx, entry, {
        id: versionId,
        key,
        size: stored.size,
        sha256: stored.sha256,
        contentType: textVersionContentType,
        // Written by the editor from its own document state, never a file from outside.
        scan: 'none',
      });
      await tx.audit.append(documentAudit(ctx, entry, action, { version: number, ...details }));
      return number;
    });
  } catch (error) {
    await deps.storage.delete(key);
    throw error;
  }
}

/** Keeps the text document's content as it is now (live edits included) as a new version. */
export async function saveTextVersion(
  deps: DocumentsDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  entryId: string,
): Promise<EntryView> {
  const loaded = await loadEntryFor(deps.store, ctx, 'document.write', tenantId, roomId, entryId);
  if (loaded.entry.kind !== 'text') throw notText();
  await requireLive(deps.store.read, loaded.entry);
  const state = await liveTexts(deps).snapshot(entryId);
  await recordTextVersion(deps, ctx, loaded.entry, state, 'document.saveVersion');
  const updated = await deps.store.read.documents.findEntry(entryId);
  if (!updated) throw notFound('Document');
  return viewOf(deps.store, ctx, loaded, updated);
}

/**
 * Puts an earlier version's content back into the live document (every open
 * editor sees it at once), then keeps the result as a new version: the
 * history in between stays.
 */
export async function restoreTextVersion(
  deps: DocumentsDeps,
  ctx: CommandContext,
  loaded: LoadedRoom & { entry: DocumentEntry },
  versionId: string,
): Promise<EntryView> {
  const { entry } = loaded;
  await requireLive(deps.store.read, entry);
  const old = await deps.store.read.documents.findVersion(versionId);
  if (!old || old.entryId !== entry.id) throw notFound('Version');
  const live = liveTexts(deps);
  await live.replace(entry.id, await versionState(deps, old.storageKey));
  const state = await live.snapshot(entry.id);
  await recordTextVersion(deps, ctx, entry, state, 'document.restoreVersion', { from: old.number });
  const updated = await deps.store.read.documents.findEntry(entry.id);
  if (!updated) throw notFound('Document');
  return viewOf(deps.store, ctx, loaded, updated);
}

/**
 * After the last editor left a text document (and it was stored): a version
 * of what they wrote, unless the content is that of the latest version (or
 * the document is still empty). Compared as rendered content, so edits that
 * changed nothing visible (typed and deleted again) make no version.
 * Returns the new version's number, or null when none was needed.
 */
export async function recordAutomaticVersion(
  deps: DocumentsDeps,
  editor: Actor,
  entryId: string,
  now: number,
): Promise<number | null> {
  const entry = await deps.store.read.documents.findEntry(entryId);
  if (!entry || entry.kind !== 'text' || !(await isLive(deps.store.read, entry))) return null;
  const state = await liveTexts(deps).snapshot(entryId);
  const current = textContentHash(deps.textRenderer.toJson(state));
  const latest = entry.currentVersionId
    ? await deps.store.read.documents.findVersion(entry.currentVersionId)
    : undefined;
  const before = latest
    ? deps.textRenderer.toJson(await versionState(deps, latest.storageKey))
    : deps.textRenderer.toJson(null);
  if (textContentHash(before) === current) return null;
  const ctx: CommandContext = { actor: editor, requestId: null, now };
  return recordTextVersion(deps, ctx, entry, state, 'document.autoVersion');
}

/**
 * Two versions of a text document side by side: the older on the left, the newer on the right,
 * whichever order they are asked in; block by block, with the words taken out and put in.
 */
export async function compareTextVersions(
  deps: DocumentsDeps,
  ctx: CommandContext,
  ids: { tenantId: string; roomId: string; entryId: string },
  versionIds: { from: string; to: string },
): Promise<{ from: DocumentVersion; to: DocumentVersion; blocks: ComparedBlock[] }> {
  const { entry } = await loadEntryFor(deps.store, ctx, 'document.read', ids.tenantId, ids.roomId, ids.entryId);
  if (entry.kind !== 'text') throw notText();
  const found = await deps.store.read.documents.findVersions([versionIds.from, versionIds.to]);
  const [older, newer] = [versionIds.from, versionIds.to]
    .map((id) => found.find((v) => v.id === id && v.entryId === entry.id))
    .sort((a, b) => (a?.number ?? 0) - (b?.number ?? 0));
  if (!older || !newer) throw notFound('Version');
  const [before, after] = await Promise.all([
    versionState(deps, older.storageKey),
    versionState(deps, newer.storageKey),
  ]);
  return {
    from: older,
    to: newer,
    blocks: compareTexts(deps.textRenderer.toJson(before), deps.textRenderer.toJson(after)),
  };
}
