import { type Room } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../../lib/router/context';
import { paths } from '../../lib/router/paths';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { ModalDialog } from '../../lib/ui/ModalDialog';
import { EMPTY_ROOM_FORM, newRoomOf } from './newRoomForm';
import { RoomFields, useRoomForm } from './RoomFields';
import { DialogFormActions } from '../../lib/ui/FormActions';

interface Props {
  open: boolean;
  tenantId: string;
  onClose: () => void;
  onCreated: (room: Room) => void;
}

function NewRoomForm({
  tenantId,
  onClose,
  onCreated,
  setBusy,
  busy,
}: Omit<Props, 'open'> & {
  busy: boolean;
  setBusy: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const { navigate } = useRouter();
  const announce = useAnnounce();
  const form = useRoomForm(EMPTY_ROOM_FORM);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api || !form.check()) return;
    setBusy(true);
    api.createRoom(tenantId, newRoomOf(form.values)).then(
      (room) => {
        setBusy(false);
        announce(t('rooms.create.created', { name: room.name }));
        onCreated(room);
        navigate(paths.room(room.id));
      },
      (caught: unknown) => {
        setBusy(false);
        form.fail(caught);
      },
    );
  };

  return (
    <form ref={form.formRef} className="form" onSubmit={submit} noValidate>
      <p className="muted">{t('rooms.create.intro')}</p>
      <RoomFields
        form={form}
        idPrefix="new-room"
        labels={{
          failed: t('rooms.create.failed'),
          name: t('rooms.create.name'),
          nameHint: t('rooms.create.nameHint'),
          topic: t('rooms.create.topic'),
          topicHint: t('rooms.create.topicHint'),
          visibility: t('rooms.create.visibility'),
        }}
      />
      <DialogFormActions
        busy={busy}
        label={t('rooms.create.submit')}
        busyLabel={t('rooms.settings.working')}
        cancelLabel={t('rooms.settings.cancel')}
        onCancel={onClose}
      />
    </form>
  );
}

/** "Neuer Raum": name, topic and who may see it; on success the new room opens. */
export function NewRoomDialog({ open, tenantId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const cancel = () => {
    setLeaving(false);
    onClose();
  };
  return (
    <ModalDialog
      open={open}
      title={t('rooms.create.title')}
      busy={busy}
      onCancel={cancel}
      restoreFocus={!leaving}
      className="dialog--form"
    >
      <NewRoomForm
        tenantId={tenantId}
        busy={busy}
        setBusy={setBusy}
        onClose={cancel}
        onCreated={(room) => {
          setLeaving(true);
          onCreated(room);
        }}
      />
    </ModalDialog>
  );
}
