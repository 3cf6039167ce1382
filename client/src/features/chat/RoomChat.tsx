import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Composer } from './Composer';
import { Timeline } from './Timeline';
import { RoomChatViewModel, type RoomChatAbilities, type RoomChatOptions } from './matrix/roomChatViewModel';
import { useOwnedViewModel, useViewModel } from './useViewModel';

interface Props extends RoomChatAbilities {
  /** The running session's client, handed on to the room's view-model. */
  client: RoomChatOptions['client'];
  roomId: string;
  roomName: string;
  serviceUserId: string;
}

/** One room's chat: its view-model lives as long as the room is shown, and follows the room's abilities. */
export function RoomChat({ client, roomId, roomName, serviceUserId, ...abilities }: Props) {
  const { canPost, canRemoveMessages, deviceUnconfirmed } = abilities;
  const vm = useOwnedViewModel(
    () => new RoomChatViewModel({ client, roomId, serviceUserId, ...abilities }),
    [client, roomId, serviceUserId],
  );
  useLayoutEffect(() => {
    vm?.setAbilities({ canPost, canRemoveMessages, deviceUnconfirmed });
  }, [vm, canPost, canRemoveMessages, deviceUnconfirmed]);
  return vm ? <RoomConversation vm={vm} roomName={roomName} /> : null;
}

/** The conversation: timeline, who is typing, and the composer. */
function RoomConversation({ vm, roomName }: { vm: RoomChatViewModel; roomName: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { access, left, items, typing, canPost, problem } = useViewModel(vm);
  const lastId = items.at(-1)?.id;

  // Each failure is told once: the view-model holds a new problem object for each.
  const told = useRef(problem);
  useEffect(() => {
    if (!problem || told.current === problem) return;
    told.current = problem;
    announce(t(problem.kind === 'older' ? 'chat.olderFailed' : 'chat.actionFailed'), 'problem');
  }, [problem, announce, t]);

  // What is on screen while the page is visible counts as read.
  useEffect(() => {
    if (access !== 'joined' || !lastId) return undefined;
    const read = () => {
      if (document.visibilityState === 'visible') void vm.markRead();
    };
    read();
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [vm, access, lastId]);

  if (access === 'none') {
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
      <Timeline vm={vm} />
      <p className="chat-typing" aria-live="polite">
        {typing.length === 1 && t('chat.typing.one', { name: typing[0] })}
        {typing.length === 2 && t('chat.typing.two', { first: typing[0], second: typing[1] })}
        {typing.length > 2 && t('chat.typing.many', { count: typing.length })}
      </p>
      {canPost ? <Composer vm={vm} roomName={roomName} /> : <p className="chat-notice">{t('chat.readOnly')}</p>}
    </>
  );
}
