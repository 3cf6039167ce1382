import type { StoreTx } from '../../domain/ports/store.js';

/** Tells the room's members that its meeting changed (who is in it, who waits to enter). */
export async function notifyMembers(tx: StoreTx, tenantId: string, roomId: string): Promise<void> {
  const members = (await tx.rooms.members(roomId)).map((m) => m.personId);
  tx.notify({ type: 'room.changed', tenantId, roomId, personIds: members });
}
