import { useTranslation } from 'react-i18next';
import { Busy } from '../../lib/ui/Busy';

/** What a guest sees in the waiting room (ADR 0051): that they wait, and a way to stop waiting. */
export function WaitingNotice({
  testId,
  className,
  onStop,
}: {
  testId: string;
  className?: string;
  onStop: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={className} data-testid={testId}>
      <p className="meeting-notice__title">{t('meetings.guest.waitingTitle')}</p>
      <p role="status">{t('meetings.guest.waiting')}</p>
      <Busy message={t('meetings.guest.waitingBusy')} />
      <p>
        <button type="button" className="button" onClick={onStop}>
          {t('meetings.guest.stopWaiting')}
        </button>
      </p>
    </div>
  );
}
