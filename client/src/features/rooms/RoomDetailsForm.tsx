import { type Room, type RoomChanges } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { roomChanges } from './newRoomForm';
import { RoomFields, useRoomForm } from './RoomFields';
import { FormActions } from '../../lib/ui/FormActions';

/** Rename the room, change its topic and who may see it; sends only what changed. */
export function RoomDetailsForm({ room, onChanged }: { room: Room; onChanged: (room: Room) => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const form = useRoomForm({ name: room.name, topic: room.topic, visibility: room.visibility });
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api || !form.check()) return;
    const changes: RoomChanges = roomChanges(room, form.values);
    if (Object.keys(changes).length === 0) {
      announce(t('rooms.settings.details.unchanged'));
      return;
    }
    setBusy(true);
    api.updateRoom(room.tenantId, room.id, changes).then(
      (changed) => {
        setBusy(false);
        form.reset();
        announce(t('rooms.settings.details.saved'));
        onChanged(changed);
      },
      (caught: unknown) => {
        setBusy(false);
        form.fail(caught);
      },
    );
  };

  return (
    <form ref={form.formRef} className="form" onSubmit={submit} noValidate>
      <RoomFields
        form={form}
        idPrefix="room"
        labels={{
          failed: t('rooms.settings.details.failed'),
          name: t('rooms.settings.details.name'),
          topic: t('rooms.settings.details.topic'),
          visibility: t('rooms.settings.details.visibility'),
        }}
      />
      <FormActions busy={busy} label={t('rooms.settings.details.save')} busyLabel={t('rooms.settings.working')} />
    </form>
  );
}
