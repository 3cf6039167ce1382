import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../api/http';
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
  return (
    <div className="alert alert--problem" role="alert" id={id}>
      <p className="alert__title">{title}</p>
      <p>{t(text.key, text.values)}</p>
      {text.serverDetail && (
        <p className="alert__detail">
          {t('errors.serverSays')} <span lang="en">{text.serverDetail}</span>
        </p>
      )}
    </div>
  );
}
