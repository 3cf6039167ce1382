import type { ChatRooms } from '../../domain/ports/chat.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { systemActor } from '../../domain/actor.js';
import { convergeRoom, hasDrift, type RoomDrift } from './roomConverger.js';
import { loadRoomFor } from './loadRoom.js';

export interface ReconcileDeps {
  store: Store;
  chat: ChatRooms;
  now: () => number;
}

/**
 * Compares a room in step with Matrix against Matrix's actual state and
 * repairs what someone changed there (a kick, a raised power level, a new
 * name), recording each repair in the audit log.
 */
export async function reconcileRoom(
  deps: ReconcileDeps,
  roomId: string,
  ctx?: CommandContext,
): Promise<RoomDrift | undefined> {
  const room = await deps.store.read.rooms.findById(roomId);
  if (!room || room.sync !== 'done') return undefined; // not in step yet: its sync job is still converging
  const drift = await convergeRoom(deps, roomId);
  if (drift && hasDrift(drift)) {
    const context = ctx ?? { actor: systemActor, requestId: null, now: deps.now() };
    await deps.store.transaction((tx) =>
      tx.audit.append(
        auditEntry(context, {
          tenantId: room.tenantId,
          action: 'room.repair',
          targetType: 'room',
          targetId: roomId,
          outcome: 'success',
          details: { ...drift },
        }),
      ),
    );
  }
  return drift;
}

/** On demand, for tenant and platform admins. */
export async function reconcileRoomFor(
  deps: ReconcileDeps,
  ctx: CommandContext,
  tenantId: string,
  roomId: string,
): Promise<RoomDrift | undefined> {
  await loadRoomFor(deps.store, ctx, 'room.reconcile', tenantId, roomId, true);
  return reconcileRoom(deps, roomId, ctx);
}

/** One pass over every active room; returns how many needed repair. */
export async function reconcileAllRooms(deps: ReconcileDeps): Promise<number> {
  let repaired = 0;
  for (const room of await deps.store.read.rooms.listActive()) {
    const drift = await reconcileRoom(deps, room.id);
    if (drift && hasDrift(drift)) repaired++;
  }
  return repaired;
}
