import { useTranslation } from 'react-i18next';
import { useRouter } from '../../lib/router/context';
import { Busy } from '../../lib/ui/Busy';
import { useSession } from '../../lib/session/context';
import { NoticeDetailsProvider } from './noticeDetails';
import { RoomChat } from './RoomChat';
import { SecurityBanner } from './SecurityBanner';
import { beginChatLogin, recentLoginAttempt } from './matrix/ssoLogin';
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

  if (!connection || state.kind === 'idle' || state.kind === 'connecting' || state.kind === 'stopped') {
    return <Busy message={t('chat.connecting')} />;
  }
  // Once per browser: the sign-on leaves the page for a moment (the Keycloak session answers
  // without asking anything), so it starts only when the person says so.
  if (state.kind === 'needs-login') {
    return (
      <div className="chat-notice">
        <p>{recentLoginAttempt() ? t('chat.loginAgain') : t('chat.needsLogin')}</p>
        <button type="button" className="button button--primary" onClick={() => beginChatLogin(state.server, here)}>
          {t('chat.connect')}
        </button>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="alert alert--problem" role="alert">
        <p>{t(`chat.failed.${state.reason}`)}</p>
        <button type="button" className="button" onClick={() => connection.retry()}>
          {t('chat.retry')}
        </button>
      </div>
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
