import { type Room, type RoomChanges } from '@arbeitsbereich/contract';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { TextField } from '../../lib/ui/Field';
import { focusField, problemText, serverFieldErrors } from './formProblems';
import { type RoomFormField, type RoomFormValues, checkRoomForm, roomChanges } from './newRoomForm';
import { VisibilityChoice } from './VisibilityChoice';

const ORDER: RoomFormField[] = ['name', 'topic'];

/** Rename the room, change its topic and who may see it; sends only what changed. */
export function RoomDetailsForm({ room, onChanged }: { room: Room; onChanged: (room: Room) => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const [values, setValues] = useState<RoomFormValues>({
    name: room.name,
    topic: room.topic,
    visibility: room.visibility,
  });
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const formRef = useRef<HTMLFormElement>(null);
  const problems = checked ? checkRoomForm(values) : {};
  const server = serverFieldErrors(failure);
  const error = (field: RoomFormField) => problemText(t, problems[field]) ?? server[field];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api) return;
    setChecked(true);
    setFailure(undefined);
    const found = checkRoomForm(values);
    if (Object.keys(found).length > 0) {
      focusField(formRef.current, ORDER, Object.keys(found));
      return;
    }
    const changes: RoomChanges = roomChanges(room, values);
    if (Object.keys(changes).length === 0) {
      announce(t('rooms.settings.details.unchanged'));
      return;
    }
    setBusy(true);
    api.updateRoom(room.tenantId, room.id, changes).then(
      (changed) => {
        setBusy(false);
        setChecked(false);
        announce(t('rooms.settings.details.saved'));
        onChanged(changed);
      },
      (caught: unknown) => {
        const next = toApiFailure(caught);
        setBusy(false);
        setFailure(next);
        focusField(formRef.current, ORDER, Object.keys(serverFieldErrors(next)));
      },
    );
  };

  const set = (field: 'name' | 'topic') => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {failure && <FailureAlert failure={failure} title={t('rooms.settings.details.failed')} />}
      <TextField
        id="room-name"
        name="name"
        label={t('rooms.settings.details.name')}
        error={error('name')}
        value={values.name}
        onChange={set('name')}
        required
        autoComplete="off"
      />
      <TextField
        id="room-topic"
        name="topic"
        label={t('rooms.settings.details.topic')}
        error={error('topic')}
        value={values.topic}
        onChange={set('topic')}
        autoComplete="off"
      />
      <VisibilityChoice
        idPrefix="room-visibility"
        legend={t('rooms.settings.details.visibility')}
        value={values.visibility}
        onChange={(visibility) => setValues((previous) => ({ ...previous, visibility }))}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('rooms.settings.working') : t('rooms.settings.details.save')}
        </button>
      </div>
    </form>
  );
}
