import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { TextField } from '../../lib/ui/Field';
import { focusField, problemText, serverFieldErrors } from './formProblems';
import { type RoomFormField, type RoomFormValues, checkRoomForm } from './newRoomForm';
import { VisibilityChoice } from './VisibilityChoice';

const ORDER: RoomFormField[] = ['name', 'topic'];

/** A room form's values, the problems found in them and the server's answer. */
export function useRoomForm(initial: RoomFormValues) {
  const { t } = useTranslation();
  const [values, setValues] = useState<RoomFormValues>(initial);
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const formRef = useRef<HTMLFormElement>(null);
  const problems = checked ? checkRoomForm(values) : {};
  const server = serverFieldErrors(failure);
  return {
    values,
    setValues,
    failure,
    formRef,
    error: (field: RoomFormField) => problemText(t, problems[field]) ?? server[field],
    /** On submit: whether the values may be sent; if not, the first problem has focus. */
    check: () => {
      setChecked(true);
      setFailure(undefined);
      const found = checkRoomForm(values);
      if (Object.keys(found).length === 0) return true;
      focusField(formRef.current, ORDER, Object.keys(found));
      return false;
    },
    /** After a success: problems show again only at the next submit. */
    reset: () => setChecked(false),
    /** After a failed request: its problem is shown, the first field it names has focus. */
    fail: (caught: unknown) => {
      const next = toApiFailure(caught);
      setFailure(next);
      focusField(formRef.current, ORDER, Object.keys(serverFieldErrors(next)));
    },
  };
}

interface Props {
  form: ReturnType<typeof useRoomForm>;
  idPrefix: string;
  labels: { failed: string; name: string; topic: string; visibility: string; nameHint?: string; topicHint?: string };
}

/** The problem of the last attempt, then name, topic and who may see the room. */
export function RoomFields({ form, idPrefix, labels }: Props) {
  const { values, setValues, error } = form;
  const text = (field: 'name' | 'topic') => ({
    id: `${idPrefix}-${field}`,
    name: field,
    label: labels[field],
    hint: labels[`${field}Hint`],
    error: error(field),
    value: values[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((previous) => ({ ...previous, [field]: event.target.value })),
    autoComplete: 'off',
  });
  return (
    <>
      {form.failure && <FailureAlert failure={form.failure} title={labels.failed} />}
      <TextField {...text('name')} required />
      <TextField {...text('topic')} />
      <VisibilityChoice
        idPrefix={`${idPrefix}-visibility`}
        legend={labels.visibility}
        value={values.visibility}
        onChange={(visibility) => setValues((previous) => ({ ...previous, visibility }))}
      />
    </>
  );
}
