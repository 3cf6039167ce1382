import { useUnreadCounts } from '../features/chat/useChat';
import { RoomList } from '../features/rooms/RoomList';

/** The room list with each room's unread count from the chat; loaded after the shell. */
export default function RoomsWithUnread() {
  const unreadOf = useUnreadCounts();
  return <RoomList unread={(room) => unreadOf(room.matrixRoomId)} />;
}
