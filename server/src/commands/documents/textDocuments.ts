import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import { conflict, DomainError, invalid, notFound } from '../../domain/errors.js';
import type { DocumentEntry } from '../../domain/documents.js';
import { allow } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext, actingPerson } from '../context.js';
import { loadRoomFor, roomResource, type LoadedRoom } from '../rooms/loadRoom.js';

/** What a caller may do with a text document while it is open in the editor. */
export type TextAccess = 'write' | 'read';

export interface OpenableText {
  entry: DocumentEntry;
  access: TextAccess;
}

/**
 * A name people can read and every file system can hold: no control
 * characters or path separators, spaces collapsed, at most 255 characters.
 */
export function entryName(raw: string): string {
  const name = raw
    .normalize('NFC')
    .replace(/[\p{Cc}/\\]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (name === '' || name === '.' || name === '..') throw invalid('The name is empty', { field: 'name' });
  if (name.length > 255) throw invalid('The name is longer than 255 characters', { field: 'name' });
  return name;
}

/** A new collaborative text document in the room's library (empty until someone writes in it). */
export async function createTextDocument(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
  props: { name: string; parentId: string | null },
): Promise<{ entry: DocumentEntry; room: LoadedRoom }> {
  const loaded = await loadRoomFor(store, ctx, 'document.write', tenantId, roomId, true);
  const name = entryName(props.name);
  if (props.parentId !== null) {
    const parent = await store.read.documents.findEntry(props.parentId);
    if (!parent || parent.roomId !== roomId || parent.kind !== 'folder' || parent.deletedAt !== null)
      throw notFound('Folder');
  }
  const { id: author, name: authorName } = actingPerson(ctx);
  const entry: DocumentEntry = {
    id: randomUUID(),
    tenantId,
    roomId,
    parentId: props.parentId,
    kind: 'text',
    name,
    currentVersionId: null,
    size: 0,
    contentType: '',
    createdBy: author,
    createdByName: authorName,
    createdAt: ctx.now,
    updatedBy: author,
    updatedByName: authorName,
    updatedAt: ctx.now,
    deletedAt: null,
    deletedBy: null,
  };
  await store.transaction(async (tx) => {
    if (await tx.documents.findLiveByName(roomId, props.parentId, name))
      throw conflict('An entry of this name is already in this folder', { field: 'name' });
    await tx.documents.insertEntry(entry);
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'document.create',
        targetType: 'libraryEntry',
        targetId: entry.id,
        outcome: 'success',
        details: { roomId, name, kind: 'text', parentId: props.parentId },
      }),
    );
  });
  return { entry, room: loaded };
}

/**
 * Whether the actor may open the text document with this id, and how: read
 * (every member of its room, guests too) or write. Null for anything else —
 * no such entry, not a text document, in the trash, or not the actor's room —
 * without saying which.
 */
export async function openableText(store: Store, actor: Actor, entryId: string): Promise<OpenableText | null> {
  const entry = await store.read.documents.findEntry(entryId);
  if (!entry || entry.kind !== 'text' || entry.deletedAt !== null) return null;
  const ctx: CommandContext = { actor, requestId: null, now: Date.now() };
  try {
    const { tenant, room, myRole } = await loadRoomFor(
      store,
      ctx,
      'document.read',
      entry.tenantId,
      entry.roomId,
      false,
    );
    const write = allow(actor, 'document.write', roomResource(tenant, room, myRole));
    return { entry, access: write ? 'write' : 'read' };
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
