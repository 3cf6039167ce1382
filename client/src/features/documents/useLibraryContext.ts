import { type Room } from '@arbeitsbereich/contract';
import { useMemo } from 'react';
import type { LibraryApi } from '../../lib/api/library';
import { useSession } from '../../lib/session/context';

/** What every part of the documents face needs: the room, the library calls, and who is reading. */
export interface LibraryContext {
  tenantId: string;
  roomId: string;
  library: LibraryApi | undefined;
  person: { id: string; name: string };
}

export function useLibraryContext(room: Room): LibraryContext {
  const { api, status } = useSession();
  const actor = status.kind === 'signed-in' ? status.actor : undefined;
  const personId = actor?.userId ?? actor?.subject ?? '';
  const personName = actor?.displayName || actor?.username || '';
  const library = api?.library;
  // One object per room and person, so effects that depend on it run only when those change.
  return useMemo(
    () => ({ tenantId: room.tenantId, roomId: room.id, library, person: { id: personId, name: personName } }),
    [room.tenantId, room.id, library, personId, personName],
  );
}
