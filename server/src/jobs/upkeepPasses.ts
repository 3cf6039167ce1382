import { expireExports } from '../commands/privacy/dataExports.js';
import { meetingReminderPass } from '../commands/meetings/reminders.js';
import { guestExpiryPass } from '../commands/people/guestExpiry.js';
import { reconcileAllRooms } from '../commands/rooms/roomReconciler.js';
import { sweepOrphanedObjects } from '../commands/documents/storageSweeper.js';
import type { ChatRooms } from '../domain/ports/chat.js';
import type { FileStorage } from '../domain/ports/files.js';
import type { Store } from '../domain/ports/store.js';

/**
 * One pass of the workspace's own upkeep, run on a timer (`startCountingPass`): a command that
 * returns how many things it changed, the field a count above zero is logged under, and what is
 * logged when it changed something or failed (the next pass tries again).
 */
export interface UpkeepPass {
  name: string;
  intervalMs: number;
  pass: () => Promise<number>;
  field: string;
  changed: string;
  failed: string;
}

/** Every periodic pass of the upkeep, in the order they start. */
export function upkeepPasses(deps: {
  store: Store;
  chat: ChatRooms;
  storage: FileStorage;
  /** The reconciler's interval, which the other daily chores share. */
  reconcileIntervalMs: number;
  /** How often planned meetings are checked for their reminder (ADR 0052). */
  reminderIntervalMs: number;
}): UpkeepPass[] {
  const { store, chat, storage, reconcileIntervalMs } = deps;
  return [
    {
      // It also runs on demand through the API.
      name: 'room reconciler',
      intervalMs: reconcileIntervalMs,
      pass: () => reconcileAllRooms({ store, chat, now: Date.now }),
      field: 'repaired',
      changed: 'rooms repaired after drift',
      failed: 'room reconciliation incomplete; next pass retries',
    },
    {
      name: 'storage sweeper',
      intervalMs: reconcileIntervalMs,
      pass: () => sweepOrphanedObjects({ store, storage, now: Date.now() }),
      field: 'removed',
      changed: 'unreferenced stored objects removed',
      failed: 'storage sweep incomplete; next pass retries',
    },
    {
      // The bytes of export archives whose time is up (ADR 0053).
      name: 'export expiry',
      intervalMs: reconcileIntervalMs,
      pass: () => expireExports(store, storage, Date.now()),
      field: 'expired',
      changed: 'expired export archives removed',
      failed: 'export expiry incomplete; next pass retries',
    },
    {
      // Sponsors of guests whose access ends soon are told, and what has ended ends (ADR 0050).
      name: 'guest expiry',
      intervalMs: reconcileIntervalMs,
      pass: async () => {
        const { noticed, expired } = await guestExpiryPass(store, Date.now());
        return noticed + expired;
      },
      field: 'guests',
      changed: 'guest terms: sponsors told or access ended',
      failed: 'guest expiry pass incomplete; next pass retries',
    },
    {
      // Rooms' chats are reminded of their planned meetings shortly before the start (ADR 0052).
      name: 'meeting reminders',
      intervalMs: deps.reminderIntervalMs,
      pass: () => meetingReminderPass(store, Date.now()),
      field: 'meetings',
      changed: 'planned meetings: rooms reminded',
      failed: 'meeting reminder pass incomplete; next pass retries',
    },
  ];
}
