import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { Composer, type ComposerMode } from './Composer';
import { Timeline } from './Timeline';
import { chatAccess, markRead, typingNames } from './matrix/roomActions';
import { timelineItems } from './matrix/timeline';
import { useChatRevision } from './useChat';

interface Props {
  client: MatrixClient;
  roomId: string;
  roomName: string;
  serviceUserId: string;
  /** This browser is not signed by its owner yet: it cannot send (ADR 0019). */
  deviceUnconfirmed?: boolean;
  /** The room role lets the person post (the room's `chat.post`); the homeserver's power levels say the same. */
  canPost: boolean;
  /** The room role lets the person remove others' messages (`chat.removeMessages`). */
  canRemoveMessages: boolean;
}

/** One room's conversation: timeline, who is typing, and the composer. */
export function RoomChat({
  client,
  roomId,
  roomName,
  serviceUserId,
  deviceUnconfirmed = false,
  canPost,
  canRemoveMessages,
}: Props) {
  const { t } = useTranslation();
  const revision = useChatRevision(client);
  const [mode, setMode] = useState<ComposerMode>({ kind: 'new' });
  const me = client.getUserId() ?? '';
  const room = client.getRoom(roomId);
  const access = chatAccess(client, roomId);

  const items = useMemo(() => {
    void revision;
    return room && access === 'joined' ? timelineItems(room, me, serviceUserId) : [];
  }, [room, access, me, serviceUserId, revision]);
  const typing = useMemo(() => {
    void revision;
    return room ? typingNames(room, me) : [];
  }, [room, me, revision]);
  const lastId = items.at(-1)?.id;

  // What is on screen while the page is visible counts as read.
  useEffect(() => {
    if (!room || access !== 'joined' || !lastId) return undefined;
    const read = () => {
      if (document.visibilityState === 'visible') void markRead(client, room);
    };
    read();
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [client, room, access, lastId]);

  useEffect(() => setMode({ kind: 'new' }), [roomId]);

  if (!room || access === 'none') {
    const left = room?.getMyMembership() === 'leave' || room?.getMyMembership() === 'ban';
    return (
      <div className="chat-notice" role="status">
        <p>{left ? t('chat.noLongerMember') : t('chat.noAccess')}</p>
      </div>
    );
  }
  if (access === 'invited') {
    return <p className="chat-notice">{t('chat.invited')}</p>;
  }

  return (
    <>
      <Timeline
        client={client}
        room={room}
        items={items}
        canModerate={canRemoveMessages}
        canSend={canPost}
        onReply={(item) => setMode({ kind: 'reply', item })}
        onEdit={(item) => setMode({ kind: 'edit', item })}
      />
      <p className="chat-typing" aria-live="polite">
        {typing.length === 1 && t('chat.typing.one', { name: typing[0] })}
        {typing.length === 2 && t('chat.typing.two', { first: typing[0], second: typing[1] })}
        {typing.length > 2 && t('chat.typing.many', { count: typing.length })}
      </p>
      {canPost ? (
        <Composer
          client={client}
          roomId={roomId}
          roomName={roomName}
          mode={mode}
          onModeChange={setMode}
          deviceUnconfirmed={deviceUnconfirmed}
        />
      ) : (
        <p className="chat-notice">{t('chat.readOnly')}</p>
      )}
    </>
  );
}
