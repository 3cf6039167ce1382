import { randomUUID } from 'node:crypto';
import { conflict } from '../../domain/errors.js';
import type { DocumentEntry } from '../../domain/documents.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { jobKinds } from '../../domain/jobs/catalog.js';
import { loadDocumentFor } from './loadDocument.js';

/** The field of a shared document's chat notice that lets the client show it as a card. */
export const documentCardField = 'de.arbeitsbereich.document';

/** What a shared document's notice carries: ids the web client resolves through the workspace. */
export interface DocumentCard {
  roomId: string;
  entryId: string;
}

/** Where the client opens a document; it opens only for those the policy lets read it. */
export const documentUrl = (publicUrl: string, roomId: string, entryId: string): string =>
  `${publicUrl}/rooms/${encodeURIComponent(roomId)}/documents/${encodeURIComponent(entryId)}`;

/**
 * The notice's plain text and the card for clients that know it. The service posts it
 * unencrypted, so the homeserver keeps it in clear: it names neither the document nor who shared
 * it. The web client shows the card with the document's name, loaded from the workspace for
 * those who may read it (ADR 0028); other clients get the link.
 */
export function shareNotice(card: DocumentCard, kind: DocumentEntry['kind'], url: string) {
  const what = kind === 'folder' ? 'Ein Ordner' : 'Ein Dokument';
  return {
    body: `${what} wurde geteilt: ${url}`,
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
  const notice = shareNotice({ roomId: room.id, entryId: entry.id }, entry.kind, url);
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
