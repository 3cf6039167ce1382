import { useCallback, useEffect, useState } from 'react';
import { ClientEvent, MatrixEventEvent, RoomEvent, RoomMemberEvent, type MatrixClient } from 'matrix-js-sdk';
import { useChatConnection } from './ChatProvider';
import type { ChatConnection, ChatState } from './matrix/chatConnection';
import { unreadOf } from './matrix/roomActions';
import { useViewModel } from './useViewModel';

const idle: ChatState = { kind: 'idle' };

/** The chat connection and its state; re-renders when the state changes. */
export function useChat(): { connection: ChatConnection | undefined; state: ChatState } {
  const connection = useChatConnection();
  return { connection, state: useViewModel(connection) ?? idle };
}

/**
 * A number that grows whenever something the chat shows may have changed
 * (new or decrypted events, edits, reactions, redactions, receipts, typing,
 * membership). Changes are batched into one render per animation frame.
 */
export function useChatRevision(client: MatrixClient | undefined): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (!client) return undefined;
    let frame = 0;
    const bump = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setRevision((r) => r + 1);
      });
    };
    const events = [
      RoomEvent.Timeline,
      RoomEvent.Redaction,
      RoomEvent.LocalEchoUpdated,
      RoomEvent.Receipt,
      RoomEvent.UnreadNotifications,
      RoomEvent.MyMembership,
      RoomEvent.TimelineReset,
      RoomMemberEvent.Typing,
      RoomMemberEvent.Membership,
      MatrixEventEvent.Decrypted,
      MatrixEventEvent.Replaced,
      MatrixEventEvent.RelationsCreated,
      ClientEvent.Room,
      ClientEvent.Sync,
    ];
    // The client re-emits all of these; one untyped view of it suffices to listen to them alike.
    const emitter = client as unknown as {
      on(name: string, f: () => void): void;
      off(name: string, f: () => void): void;
    };
    for (const name of events) emitter.on(name, bump);
    return () => {
      cancelAnimationFrame(frame);
      for (const name of events) emitter.off(name, bump);
    };
  }, [client]);
  return revision;
}

/** Unread counts of Matrix rooms by id, for the room list. */
export function useUnreadCounts(): (matrixRoomId: string | null) => { count: number; highlight: boolean } | undefined {
  const { state } = useChat();
  const client = state.kind === 'ready' ? state.session.client : undefined;
  const revision = useChatRevision(client);
  return useCallback(
    (matrixRoomId: string | null) => {
      if (!client || !matrixRoomId) return undefined;
      void revision;
      const unread = unreadOf(client.getRoom(matrixRoomId));
      return unread.count > 0 ? unread : undefined;
    },
    [client, revision],
  );
}
