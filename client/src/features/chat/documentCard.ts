/** A document shared into the chat: the library entry a link card leads to. */
export interface DocumentCard {
  roomId: string;
  entryId: string;
  name: string;
  kind: 'file' | 'text' | 'folder';
}

/** The content key the workspace's service account puts on a "document shared" notice. */
export const DOCUMENT_CARD_KEY = 'de.arbeitsbereich.document';

const KINDS: readonly DocumentCard['kind'][] = ['file', 'text', 'folder'];

/**
 * The link card of an m.notice, when the workspace's service account sent it with the
 * document key; anyone else's message with that key stays a plain message (nobody can
 * dress a link up as the workspace's card).
 */
export function documentCardOf(
  content: Record<string, unknown>,
  sender: string,
  serviceUserId: string | undefined,
): DocumentCard | undefined {
  if (serviceUserId === undefined || sender !== serviceUserId) return undefined;
  if (content.msgtype !== 'm.notice') return undefined;
  const card = content[DOCUMENT_CARD_KEY];
  if (typeof card !== 'object' || card === null || Array.isArray(card)) return undefined;
  const { roomId, entryId, name, kind } = card as Record<string, unknown>;
  if (typeof roomId !== 'string' || roomId === '' || typeof entryId !== 'string' || entryId === '') return undefined;
  return {
    roomId,
    entryId,
    name: typeof name === 'string' && name.trim() !== '' ? name : entryId,
    kind:
      typeof kind === 'string' && (KINDS as readonly string[]).includes(kind) ? (kind as DocumentCard['kind']) : 'file',
  };
}
