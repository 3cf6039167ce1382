import { type SyncInfo } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';

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
      {state === 'done' && (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="m5.5 10.2 3 3 6-6.4"
            fill="none"
            stroke="#fff"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {state === 'pending' && (
        <>
          <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M10 5.5V10l3 2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </>
      )}
      {state === 'failed' && (
        <>
          <path d="M10 1.5 19 18H1z" fill="currentColor" strokeLinejoin="round" />
          <path d="M10 7v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="15" r="1.3" fill="#fff" />
        </>
      )}
    </svg>
  );
}
