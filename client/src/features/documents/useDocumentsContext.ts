import { type Room } from '@arbeitsbereich/contract';
import { useMemo } from 'react';
import type { DocumentsApi } from '../../lib/api/documents';
import { useSession } from '../../lib/session/context';

/** What every part of the documents face needs: the room, the library calls, and who is reading. */
export interface DocumentsContext {
  tenantId: string;
  roomId: string;
  documents: DocumentsApi | undefined;
  person: { id: string; name: string };
}

export function useDocumentsContext(room: Room): DocumentsContext {
  const { api, status } = useSession();
  const actor = status.kind === 'signed-in' ? status.actor : undefined;
  const personId = actor?.userId ?? actor?.subject ?? '';
  const personName = actor?.displayName || actor?.username || '';
  const documents = api?.documents;
  // One object per room and person, so effects that depend on it run only when those change.
  return useMemo(
    () => ({ tenantId: room.tenantId, roomId: room.id, documents, person: { id: personId, name: personName } }),
    [room.tenantId, room.id, documents, personId, personName],
  );
}
