import { useEffect } from 'react';
import type { Unread } from './matrix/unreadCountsViewModel';
import { useUnreadCounts } from './useChat';

/** Unread counts by Matrix room id; undefined when the room has no chat or nothing unread. */
export type UnreadOfChatRoom = (matrixRoomId: string | null) => Unread | undefined;

/**
 * Reads each room's unread count from the chat and hands it up; loaded on demand with the chat's
 * code. It shows nothing itself, so the room list (and a "Neuer Raum" dialog opened meanwhile)
 * stays as it is when the chat arrives.
 */
export default function UnreadCounts({ onChange }: { onChange: (unreadOf: UnreadOfChatRoom) => void }) {
  const unreadOf = useUnreadCounts();
  useEffect(() => {
    onChange(unreadOf);
  }, [unreadOf, onChange]);
  return null;
}
