import { randomUUID } from 'node:crypto';
import { conflict } from '../../domain/errors.js';
import type { LibraryEntry } from '../../domain/library.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext, actingPerson } from '../context.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { loadDocumentFor } from './loadDocument.js';

/** The field of a shared document's chat notice that lets the client show it as a card. */
export const documentCardField = 'de.arbeitsbereich.document';

export interface DocumentCard {
  roomId: string;
  entryId: string;
  name: string;
  kind: LibraryEntry['kind'];
  url: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Where the client opens a document; it opens only for those the policy lets read it. */
export const documentUrl = (publicUrl: string, roomId: string, entryId: string): string =>
  `${publicUrl}/rooms/${encodeURIComponent(roomId)}/documents/${encodeURIComponent(entryId)}`;

/** The notice's plain text, its HTML and the card for clients that know it. */
export function shareNotice(card: DocumentCard, sharedBy: string) {
  const kindLabel = card.kind === 'folder' ? 'den Ordner' : 'das Dokument';
  return {
    body: `${sharedBy} hat ${kindLabel} „${card.name}“ geteilt: ${card.url}`,
    html:
      `${escapeHtml(sharedBy)} hat ${kindLabel} ` +
      `<a href="${escapeHtml(card.url)}">${escapeHtml(card.name)}</a> geteilt.`,
    fields: { [documentCardField]: card },
  };
}

/**
 * Posts a link to a document into its room's chat, as the service's notice
 * through the outbox (a homeserver that is down only delays it). Anyone who
 * may read the document may share it; the link opens only for those the
 * policy lets read it.
 */
export async function shareEntry(
  deps: { store: Store; publicUrl: string },
  ctx: CommandContext,
  ids: { tenantId: string; roomId: string; entryId: string },
): Promise<{ url: string }> {
  const { entry, room, tenant } = await loadDocumentFor(deps.store, ctx, 'document.read', ids, true);
  if (room.status === 'archived' || tenant.status === 'archived') {
    throw conflict('Der Raum ist archiviert. / The room is archived.');
  }
  const url = documentUrl(deps.publicUrl, room.id, entry.id);
  const sharedBy = actingPerson(ctx).name;
  const notice = shareNotice({ roomId: room.id, entryId: entry.id, name: entry.name, kind: entry.kind, url }, sharedBy);
  await deps.store.transaction(async (tx) => {
    await tx.outbox.enqueue({
      kind: jobKinds.roomNotice,
      payload: { roomId: room.id, ...notice, txnId: randomUUID() },
    });
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId: room.tenantId,
        action: 'document.share',
        targetType: 'library_entry',
        targetId: entry.id,
        outcome: 'success',
        details: { roomId: room.id, name: entry.name },
      }),
    );
  });
  return { url };
}
