import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchClientConfig } from '../../lib/api/clientConfig';
import { useQueryParam, useRouter } from '../../lib/router/context';
import { Busy } from '../../lib/ui/Busy';
import { PageHeading } from '../../lib/ui/PageHeading';
import { useChatConnection } from './ChatProvider';
import { completeChatLogin, takeReturnPath } from './matrix/ssoLogin';

/** Where the homeserver's sign-on returns: the login token becomes this browser's chat device. */
export default function ChatLoginPage() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const loginToken = useQueryParam('loginToken');
  const connection = useChatConnection();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    // The login token works once; the device it makes goes to the connection, once that is there.
    if (started.current || !connection) return;
    started.current = true;
    if (!loginToken) {
      setFailed(true);
      return;
    }
    (async () => {
      const { chat } = await fetchClientConfig();
      const device = await completeChatLogin(chat, loginToken, t('chat.deviceName'));
      connection.adopt(chat, device);
      navigate(takeReturnPath(), { replace: true });
    })().catch(() => setFailed(true));
  }, [connection, loginToken, navigate, t]);

  return (
    <section className="page" aria-labelledby="chat-login-heading">
      <PageHeading id="chat-login-heading">{t('chat.login.heading')}</PageHeading>
      {failed ? (
        <div className="alert alert--problem" role="alert">
          <p>{t('chat.login.failed')}</p>
          <p>
            <button type="button" className="button" onClick={() => navigate(takeReturnPath(), { replace: true })}>
              {t('chat.login.back')}
            </button>
          </p>
        </div>
      ) : (
        <Busy message={t('chat.login.busy')} delayMs={0} />
      )}
    </section>
  );
}
