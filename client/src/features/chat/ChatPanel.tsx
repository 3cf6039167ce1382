import { useTranslation } from 'react-i18next';
import { useRouter } from '../../lib/router/context';
import { Busy } from '../../lib/ui/Busy';
import { useSession } from '../../lib/session/context';
import { NoticeDetailsProvider } from './noticeDetails';
import { RoomChat } from './RoomChat';
import { SecurityBanner } from './SecurityBanner';
import { recentLoginAttempt } from './matrix/ssoLogin';
import { ChatNotConnected } from './ChatNotConnected';
import { useChat } from './useChat';
import './chat.css';

interface Props {
  /** The room's Matrix id; null while the backend is still creating it. */
  matrixRoomId: string | null;
  roomName: string;
  /** The room's tenant: the workspace answers the details its notices leave out. */
  tenantId: string;
  /** What the person's room role lets them do in the chat, from the room's abilities. */
  canPost: boolean;
  canRemoveMessages: boolean;
}

/** The chat face of a room: connects this browser's chat device if needed, then shows the conversation. */
export default function ChatPanel({ matrixRoomId, roomName, tenantId, canPost, canRemoveMessages }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const { location } = useRouter();
  const { connection, state } = useChat();
  const here = `${location.pathname}${location.search}`;

  if (!connection || state.kind !== 'ready') {
    return (
      <ChatNotConnected
        connection={connection}
        state={state}
        needsLoginText={recentLoginAttempt() ? t('chat.loginAgain') : t('chat.needsLogin')}
        returnTo={here}
      />
    );
  }
  if (!matrixRoomId) return <Busy message={t('chat.roomPending')} />;
  const { security } = state;
  const unconfirmed =
    security.kind === 'needs-first-device' || (security.kind === 'needs-recovery' && !security.signed);
  return (
    <div className="chat">
      <SecurityBanner connection={connection} session={state.session} security={state.security} />
      <NoticeDetailsProvider api={api} tenantId={tenantId}>
        <RoomChat
          client={state.session.client}
          roomId={matrixRoomId}
          roomName={roomName}
          serviceUserId={state.server.serviceUserId}
          deviceUnconfirmed={unconfirmed}
          canPost={canPost}
          canRemoveMessages={canRemoveMessages}
        />
      </NoticeDetailsProvider>
    </div>
  );
}
