import { type FormEvent, useRef, useState } from 'react';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { fieldErrorsOf, focusFirstInvalid } from './formFailure';
import { emptyRequired } from './requiredFields';

interface Options<V extends Record<string, string>, R> {
  empty: V;
  /** Checked in the browser before anything is sent. */
  required: (keyof V)[];
  /** Each field's path in the request body, as the server names it in errors; the field's name if not given. */
  bodyField?: Record<keyof V, string>;
  send: (values: V) => Promise<R>;
  onCreated: (created: R) => void;
}

/**
 * A form that creates something: its values, the required fields left empty, the server's
 * answer, and a submit that checks, sends, empties the form on success and moves focus to
 * the first field with a problem.
 */
export function useCreateForm<V extends Record<string, string>, R>(options: Options<V, R>) {
  const { empty, required, bodyField, send, onCreated } = options;
  const [values, setValues] = useState<V>(empty);
  const [failure, setFailure] = useState<ApiFailure>();
  const [missing, setMissing] = useState<(keyof V)[]>([]);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const pathOf = (field: keyof V) => bodyField?.[field] ?? String(field);
  const order = Object.keys(empty).map(pathOf);

  const set = (field: keyof V) => (event: { target: { value: string } }) => {
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
    setMissing((previous) => previous.filter((name) => name !== field));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const left = emptyRequired(values, required);
    setMissing(left);
    if (left.length > 0) {
      focusFirstInvalid(formRef.current, order, Object.fromEntries(left.map((field) => [pathOf(field), ''])));
      return;
    }
    setBusy(true);
    send(values).then(
      (created) => {
        setBusy(false);
        setValues(empty);
        onCreated(created);
      },
      (caught: unknown) => {
        const next = toApiFailure(caught);
        setBusy(false);
        setFailure(next);
        focusFirstInvalid(formRef.current, order, fieldErrorsOf(next));
      },
    );
  };

  return { values, failure, missing, busy, formRef, serverErrors: fieldErrorsOf(failure), set, submit };
}
