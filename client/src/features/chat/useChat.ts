import { useCallback } from 'react';
import { useChatConnection } from './ChatProvider';
import type { ChatConnection, ChatState } from './matrix/chatConnection';
import { UnreadCountsViewModel, type Unread } from './matrix/unreadCountsViewModel';
import { useOwnedViewModel, useViewModel } from './useViewModel';

const idle: ChatState = { kind: 'idle' };

/** The chat connection and its state; re-renders when the state changes. */
export function useChat(): { connection: ChatConnection | undefined; state: ChatState } {
  const connection = useChatConnection();
  return { connection, state: useViewModel(connection) ?? idle };
}

const none: ReadonlyMap<string, Unread> = new Map();

/** Unread counts of Matrix rooms by id, for the room list. */
export function useUnreadCounts(): (matrixRoomId: string | null) => Unread | undefined {
  const { state } = useChat();
  const client = state.kind === 'ready' ? state.session.client : undefined;
  const vm = useOwnedViewModel(client && (() => new UnreadCountsViewModel(client)), [client]);
  const counts = useViewModel(vm) ?? none;
  return useCallback((matrixRoomId: string | null) => (matrixRoomId ? counts.get(matrixRoomId) : undefined), [counts]);
}
