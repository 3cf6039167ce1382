import { type Room } from '@arbeitsbereich/contract';
import { useEffect } from 'react';
import { useUnreadCounts } from '../features/chat';
import type { Unread } from '../features/rooms';

export type UnreadOf = (room: Room) => Unread | undefined;

/**
 * Reads each room's unread count from the chat and hands it up; loaded after the shell. It shows
 * nothing itself, so the room list (and a "Neuer Raum" dialog opened meanwhile) stays as it is
 * when the chat arrives.
 */
export default function UnreadCounts({ onChange }: { onChange: (unreadOf: UnreadOf) => void }) {
  const unreadOf = useUnreadCounts();
  useEffect(() => {
    onChange((room) => unreadOf(room.matrixRoomId));
  }, [unreadOf, onChange]);
  return null;
}
