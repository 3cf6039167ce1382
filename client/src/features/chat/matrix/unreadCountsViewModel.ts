import { ClientEvent, RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import { ClientViewModel, nextFrame, type Schedule } from './clientViewModel';
import { unreadOf } from './roomActions';

export interface Unread {
  count: number;
  highlight: boolean;
}

/** Unread counts by Matrix room id, only of rooms with something unread. */
export type UnreadCounts = ReadonlyMap<string, Unread>;

function sameCounts(a: UnreadCounts, b: UnreadCounts): boolean {
  if (a.size !== b.size) return false;
  for (const [roomId, unread] of a) {
    const other = b.get(roomId);
    if (!other || other.count !== unread.count || other.highlight !== unread.highlight) return false;
  }
  return true;
}

/**
 * The rooms' unread counts for the room list. Counts come with each sync and change with new
 * events, receipts and memberships; a new snapshot is emitted only when a count changed.
 */
export class UnreadCountsViewModel extends ClientViewModel<UnreadCounts> {
  constructor(client: MatrixClient, schedule: Schedule = nextFrame) {
    super(client, new Map(), schedule);
    this.refresh();
    this.listenToEach(
      [ClientEvent.Sync, ClientEvent.Room, RoomEvent.Timeline, RoomEvent.Receipt, RoomEvent.MyMembership],
      () => this.changed(),
    );
  }

  protected refresh(): void {
    const counts = new Map<string, Unread>();
    for (const room of this.client.getRooms()) {
      const unread = unreadOf(room);
      if (unread.count > 0) counts.set(room.roomId, unread);
    }
    if (!sameCounts(counts, this.getSnapshot())) this.setSnapshot(counts);
  }
}
