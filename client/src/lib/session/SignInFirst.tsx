import { useTranslation } from 'react-i18next';
import { Busy } from '../ui/Busy';
import { FailureAlert } from '../ui/FailureAlert';
import { useSession } from './context';

/**
 * What a page that needs a session shows until there is one: the check, a failed check,
 * or `why` the person should sign in with a button to do so. Nothing once signed in.
 */
export function SignInFirst({ why }: { why: string }) {
  const { t } = useTranslation();
  const { status, signInHref } = useSession();
  return (
    <>
      {status.kind === 'loading' && <Busy message={t('auth.checking')} />}
      {status.kind === 'error' && <FailureAlert failure={status.failure} title={t('auth.sessionFailed')} />}
      {status.kind === 'signed-out' && (
        <div className="alert">
          <p>{why}</p>
          <p>
            <a className="button button--primary" href={signInHref()}>
              {t('auth.signIn')}
            </a>
          </p>
        </div>
      )}
    </>
  );
}
