import type { StoreTx } from '../domain/ports/store.js';

/**
 * Tells the room's members, live, that something of the room changed (who is in its meeting, who
 * waits to enter, a document's preview); their views load it again. Rooms, meetings and the library
 * share it.
 */
export async function notifyMembers(tx: StoreTx, tenantId: string, roomId: string): Promise<void> {
  const members = (await tx.rooms.members(roomId)).map((m) => m.personId);
  tx.notify({ type: 'room.changed', tenantId, roomId, personIds: members });
}
