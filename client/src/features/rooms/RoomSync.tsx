import { type SyncInfo } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { FailedIcon, PendingIcon } from './icons';

/**
 * Whether the chat room follows the room yet: nothing when it does; "wird eingerichtet"
 * or "Einrichtung fehlgeschlagen" (with the reason in `detailed` mode) otherwise.
 */
export function RoomSync({ sync, detailed = false }: { sync: SyncInfo; detailed?: boolean }) {
  const { t } = useTranslation();
  if (sync.state === 'done' && !detailed) return null;
  return (
    <span className={`room-sync room-sync--${sync.state}`} data-sync={sync.state}>
      {sync.state === 'pending' && <PendingIcon />}
      {sync.state === 'failed' && <FailedIcon />}
      <span className={detailed ? undefined : 'visually-hidden'}>{t(`rooms.sync.${sync.state}`)}</span>
      {detailed && sync.state === 'failed' && sync.error && (
        <span className="room-sync__reason">
          {t('rooms.sync.reason')} <span lang="en">{sync.error}</span>
        </span>
      )}
    </span>
  );
}
