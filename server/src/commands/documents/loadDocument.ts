import { notFound } from '../../domain/errors.js';
import type { DocumentEntry } from '../../domain/documents.js';
import type { Action } from '../../domain/policies/policy.js';
import type { Store } from '../../domain/ports/store.js';
import type { CommandContext } from '../context.js';
import type { LoadedRoom } from '../rooms/loadRoom.js';
import { loadEntryFor } from './documentAccess.js';

export interface LoadedDocument extends LoadedRoom {
  entry: DocumentEntry;
}

/**
 * A live entry of a room's library, after the policy allowed the action on the
 * room. An entry of another room or tenant, or one in the trash, is "not
 * found", like one that does not exist.
 */
export async function loadDocumentFor(
  store: Store,
  ctx: CommandContext,
  action: Action,
  ids: { tenantId: string; roomId: string; entryId: string },
  auditDenied = false,
): Promise<LoadedDocument> {
  const loaded = await loadEntryFor(store, ctx, action, ids.tenantId, ids.roomId, ids.entryId, auditDenied);
  if (loaded.entry.deletedAt !== null) throw notFound('Entry');
  return loaded;
}
