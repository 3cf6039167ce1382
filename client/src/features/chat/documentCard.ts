import { isId, serviceNoticeReader } from './serviceNotice';

/**
 * A document shared into the chat: the library entry a link card leads to. The notice carries
 * ids only (the homeserver keeps it in clear); the card loads name and kind from the workspace.
 * Notices from before that also carried them, which the card shows until the entry is loaded.
 */
export interface DocumentCard {
  roomId: string;
  entryId: string;
  name: string | undefined;
  kind: 'file' | 'text' | 'folder' | undefined;
}

/** The content key the workspace's service account puts on a "document shared" notice. */
export const DOCUMENT_CARD_KEY = 'de.arbeitsbereich.document';

const KINDS: readonly NonNullable<DocumentCard['kind']>[] = ['file', 'text', 'folder'];

/** The link card of the service account's "document shared" notice. */
export const documentCardOf = serviceNoticeReader(
  DOCUMENT_CARD_KEY,
  ({ roomId, entryId, name, kind }): DocumentCard | undefined => {
    if (!isId(roomId) || !isId(entryId)) return undefined;
    return {
      roomId,
      entryId,
      name: typeof name === 'string' && name.trim() !== '' ? name : undefined,
      kind:
        typeof kind === 'string' && (KINDS as readonly string[]).includes(kind)
          ? (kind as DocumentCard['kind'])
          : undefined,
    };
  },
);
