import { type Room } from '@arbeitsbereich/contract';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useRouter } from '../../lib/router/context';
import { paths } from '../../lib/router/paths';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { TextField } from '../../lib/ui/Field';
import { focusField, problemText, serverFieldErrors } from './formProblems';
import { ModalDialog } from '../../lib/ui/ModalDialog';
import { EMPTY_ROOM_FORM, type RoomFormField, type RoomFormValues, checkRoomForm, newRoomOf } from './newRoomForm';
import { VisibilityChoice } from './VisibilityChoice';

const ORDER: RoomFormField[] = ['name', 'topic'];

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
  const [values, setValues] = useState<RoomFormValues>(EMPTY_ROOM_FORM);
  const [checked, setChecked] = useState(false);
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
    setBusy(true);
    api.createRoom(tenantId, newRoomOf(values)).then(
      (room) => {
        setBusy(false);
        announce(t('rooms.create.created', { name: room.name }));
        onCreated(room);
        navigate(paths.room(room.id));
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
      <p className="muted">{t('rooms.create.intro')}</p>
      {failure && <FailureAlert failure={failure} title={t('rooms.create.failed')} />}
      <TextField
        id="new-room-name"
        name="name"
        label={t('rooms.create.name')}
        hint={t('rooms.create.nameHint')}
        error={error('name')}
        value={values.name}
        onChange={set('name')}
        required
        autoComplete="off"
      />
      <TextField
        id="new-room-topic"
        name="topic"
        label={t('rooms.create.topic')}
        hint={t('rooms.create.topicHint')}
        error={error('topic')}
        value={values.topic}
        onChange={set('topic')}
        autoComplete="off"
      />
      <VisibilityChoice
        idPrefix="new-room-visibility"
        legend={t('rooms.create.visibility')}
        value={values.visibility}
        onChange={(visibility) => setValues((previous) => ({ ...previous, visibility }))}
      />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          {t('rooms.settings.cancel')}
        </button>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('rooms.settings.working') : t('rooms.create.submit')}
        </button>
      </div>
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
