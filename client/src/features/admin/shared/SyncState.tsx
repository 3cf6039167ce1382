import { type SyncInfo } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { TickShape, WarningShape } from '../../../lib/ui/shapes';

/** Whether Keycloak and Synapse follow yet: an icon and a word, and the reason when it failed. */
export function SyncState({ sync }: { sync: SyncInfo }) {
  const { t } = useTranslation();
  return (
    <span className={`sync sync--${sync.state}`} data-sync={sync.state}>
      <SyncIcon state={sync.state} />
      <span className="sync__word">{t(`admin.sync.${sync.state}`)}</span>
      {sync.state === 'failed' && sync.error && (
        <span className="sync__reason">
          {t('admin.sync.reason')} <span lang="en">{sync.error}</span>
        </span>
      )}
    </span>
  );
}

function SyncIcon({ state }: { state: SyncInfo['state'] }) {
  return (
    <svg className="sync__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {state === 'done' && <TickShape />}
      {state === 'pending' && (
        <>
          <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M10 5.5V10l3 2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </>
      )}
      {state === 'failed' && <WarningShape />}
    </svg>
  );
}
