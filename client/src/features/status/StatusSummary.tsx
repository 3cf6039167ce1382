import { useTranslation } from 'react-i18next';
import { StateIcon } from './icons';
import type { Summary } from './summary';

interface Props {
  summary: Summary;
  checkedAt?: Date | undefined;
}

/** The state in one sentence, announced politely whenever it changes. */
export function StatusSummary({ summary, checkedAt }: Props) {
  const { t, i18n } = useTranslation();
  const time = checkedAt
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: 'medium' }).format(checkedAt)
    : undefined;
  return (
    <div className={`summary summary--${summary.tone}`}>
      <StateIcon tone={summary.tone} />
      <div className="summary__text">
        <p role="status" aria-live="polite" className="summary__message">
          <span>{t(summary.key, summary.values)}</span>
          {summary.reason && <span className="summary__reason"> {t(summary.reason.key, summary.reason.values)}</span>}
        </p>
        {time && checkedAt && summary.tone !== 'busy' && (
          <p className="summary__checked">
            <time dateTime={checkedAt.toISOString()}>{t('status.checkedAt', { time })}</time>
          </p>
        )}
      </div>
    </div>
  );
}
