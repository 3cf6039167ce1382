import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../api/http';
import { SessionContext } from '../session/context';
import { failureText } from './failureText';

interface Props {
  failure: ApiFailure;
  /** What could not be done, e.g. "Die Person konnte nicht angelegt werden." */
  title: string;
  id?: string;
}

/** A failed request in words: what failed, why (translated), and the server's own detail. */
export function FailureAlert({ failure, title, id }: Props) {
  const { t } = useTranslation();
  const text = failureText(failure);
  // An expired session is fixed by signing in again, back to this very page.
  const session = useContext(SessionContext);
  const signInAgain = failure.kind === 'http' && failure.status === 401 && session !== null;
  return (
    <div className="alert alert--problem" role="alert" id={id}>
      <p className="alert__title">{title}</p>
      <p>{t(text.key, text.values)}</p>
      {text.serverDetail && (
        <p className="alert__detail">
          {t('errors.serverSays')} <span lang="en">{text.serverDetail}</span>
        </p>
      )}
      {signInAgain && (
        <p>
          <a className="button button--primary" href={session.signInHref()}>
            {t('auth.signInAgain')}
          </a>
        </p>
      )}
    </div>
  );
}
