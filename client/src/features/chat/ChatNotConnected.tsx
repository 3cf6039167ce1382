import { useTranslation } from 'react-i18next';
import { Busy } from '../../lib/ui/Busy';
import type { ChatConnection, ChatState } from './matrix/chatConnection';
import { beginChatLogin } from './matrix/ssoLogin';

/**
 * What a chat page shows while the connection is not ready (or not there yet): a moment's wait, the sign-on (once per
 * browser; it leaves the page for a moment, so it starts only when the person says so), or the
 * failure with a retry.
 */
export function ChatNotConnected({
  connection,
  state,
  needsLoginText,
  returnTo,
}: {
  connection: ChatConnection | undefined;
  state: ChatState;
  needsLoginText: string;
  /** Where the sign-on comes back to. */
  returnTo: string;
}) {
  const { t } = useTranslation();
  if (state.kind === 'needs-login') {
    return (
      <div className="chat-notice">
        <p>{needsLoginText}</p>
        <button type="button" className="button button--primary" onClick={() => beginChatLogin(state.server, returnTo)}>
          {t('chat.connect')}
        </button>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="alert alert--problem" role="alert">
        <p>{t(`chat.failed.${state.reason}`)}</p>
        <button type="button" className="button" onClick={() => connection?.retry()}>
          {t('chat.retry')}
        </button>
      </div>
    );
  }
  return <Busy message={t('chat.connecting')} />;
}
