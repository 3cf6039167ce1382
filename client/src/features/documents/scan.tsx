import { useTranslation } from 'react-i18next';
import { type DocumentEntry } from '@arbeitsbereich/contract';
import { Busy } from '../../lib/ui/Busy';

/** Whether the current version may be downloaded, previewed or opened: scanned clean, or not scanned. */
export function servable(entry: Pick<DocumentEntry, 'scan'>): boolean {
  return entry.scan === 'none' || entry.scan === 'clean';
}

/** A short mark beside a file's name in a list while it is held back. */
export function ScanBadge({ entry }: { entry: Pick<DocumentEntry, 'scan' | 'kind'> }) {
  const { t } = useTranslation();
  if (entry.kind !== 'file' || servable(entry)) return null;
  return (
    <span className={`badge badge--${entry.scan === 'pending' ? 'deactivated' : 'failure'}`} data-testid="scan-badge">
      {t(`documents.scan.badge.${entry.scan}`)}
    </span>
  );
}

/** What a held-back file's page says instead of its preview: being checked, quarantined, or not checkable. */
export function ScanNotice({ entry }: { entry: Pick<DocumentEntry, 'scan' | 'kind'> }) {
  const { t } = useTranslation();
  if (entry.kind !== 'file' || servable(entry)) return null;
  if (entry.scan === 'pending') return <Busy message={t('documents.scan.pending')} delayMs={0} />;
  return (
    <div className="alert alert--problem" role="alert" data-testid="scan-notice">
      <p className="alert__title">{t(`documents.scan.${entry.scan}.title`)}</p>
      <p>{t(`documents.scan.${entry.scan}.text`)}</p>
    </div>
  );
}
