import type { ScheduledMeeting } from '@arbeitsbereich/contract';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/Field';
import { ModalDialog } from '../../lib/ui/ModalDialog';
import { checkScheduleDraft, draftOf, DURATIONS, newDraft, type ScheduleDraft } from './scheduleForm';

interface Props {
  tenantId: string;
  roomId: string;
  /** The meeting to change; undefined: a new one. */
  meeting: ScheduledMeeting | undefined;
  onDone: (saved: ScheduledMeeting) => void;
  onCancel: () => void;
}

/** Plans a meeting or changes one: title, start, length, agenda (in a dialog, by keyboard too). */
export function ScheduleDialog({ tenantId, roomId, meeting, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ScheduleDraft>(() => (meeting ? draftOf(meeting) : newDraft(new Date())));
  const [problems, setProblems] = useState<{ title?: string; start?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const set = (field: keyof ScheduleDraft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  const durations: number[] = DURATIONS.includes(Number(draft.duration) as (typeof DURATIONS)[number])
    ? [...DURATIONS]
    : [...DURATIONS, Number(draft.duration)].sort((a, b) => a - b);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api) return;
    setFailure(undefined);
    const checked = checkScheduleDraft(draft, new Date());
    if (!checked.ok) {
      setProblems({
        ...(checked.problems.title ? { title: t(`meetings.schedule.problems.title.${checked.problems.title}`) } : {}),
        ...(checked.problems.start ? { start: t(`meetings.schedule.problems.start.${checked.problems.start}`) } : {}),
      });
      form.current
        ?.querySelector<HTMLElement>(`#${CSS.escape(checked.problems.title ? `${id}-title` : `${id}-start`)}`)
        ?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    const saving = meeting
      ? api.schedule.reschedule(tenantId, roomId, meeting.id, checked.meeting)
      : api.schedule.schedule(tenantId, roomId, checked.meeting);
    saving.then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <ModalDialog
      open
      title={meeting ? t('meetings.schedule.changeTitle') : t('meetings.schedule.newTitle')}
      onCancel={onCancel}
      busy={busy}
    >
      <form ref={form} className="schedule-form" onSubmit={submit} noValidate>
        <TextField
          id={`${id}-title`}
          label={t('meetings.schedule.title')}
          error={problems.title}
          value={draft.title}
          onChange={set('title')}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          id={`${id}-start`}
          label={t('meetings.schedule.start')}
          hint={t('meetings.schedule.startHint')}
          error={problems.start}
          value={draft.start}
          onChange={set('start')}
          type="datetime-local"
        />
        <SelectField
          id={`${id}-duration`}
          label={t('meetings.schedule.duration')}
          value={draft.duration}
          onChange={set('duration')}
        >
          {durations.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {t('meetings.schedule.minutes', { count: minutes })}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id={`${id}-agenda`}
          label={t('meetings.schedule.agenda')}
          hint={t('meetings.schedule.agendaHint')}
          value={draft.agenda}
          onChange={set('agenda')}
          maxLength={4000}
          rows={4}
        />
        {failure && <FailureAlert failure={failure} title={t('meetings.schedule.saveFailed')} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('meetings.schedule.back')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {busy
              ? t('meetings.schedule.saving')
              : meeting
                ? t('meetings.schedule.saveChange')
                : t('meetings.schedule.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
