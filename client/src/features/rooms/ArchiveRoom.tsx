import { type Room } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../lib/ui/FailureAlert';

/** "Raum archivieren", after a question; the room stays readable. */
export function ArchiveRoom({ room, onArchived }: { room: Room; onArchived: (room: Room) => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();

  const archive = () => {
    if (!api) return;
    setBusy(true);
    setFailure(undefined);
    api.archiveRoom(room.tenantId, room.id).then(
      (archived) => {
        setBusy(false);
        setAsking(false);
        announce(t('rooms.settings.archive.done', { name: archived.name }));
        onArchived(archived);
      },
      (caught: unknown) => {
        setBusy(false);
        setAsking(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <section className="room-settings__section" aria-labelledby="archive-room-heading">
      <h3 id="archive-room-heading">{t('rooms.settings.archive.title')}</h3>
      <p className="muted">{t('rooms.settings.archive.text')}</p>
      {failure && <FailureAlert failure={failure} title={t('rooms.settings.archive.failed')} />}
      <p>
        <button type="button" className="button button--danger-outline" onClick={() => setAsking(true)}>
          {t('rooms.settings.archive.button')}
        </button>
      </p>
      <ConfirmDialog
        open={asking}
        title={t('rooms.settings.archive.confirmTitle', { name: room.name })}
        confirmLabel={t('rooms.settings.archive.confirm')}
        cancelLabel={t('rooms.settings.cancel')}
        busy={busy}
        busyLabel={t('rooms.settings.working')}
        onConfirm={archive}
        onCancel={() => setAsking(false)}
      >
        <p>{t('rooms.settings.archive.confirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
