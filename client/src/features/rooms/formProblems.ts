import type { TFunction } from 'i18next';
import { type ApiFailure, problemOf } from '../../lib/api/http';
import { fieldMessages } from '../../lib/api/problem';
import type { RoomFormField, RoomFormProblem } from './newRoomForm';

/** The server's message for each field of a failed request, by the field's name in the body. */
export function serverFieldErrors(failure: ApiFailure | undefined): Record<string, string> {
  const problem = failure ? problemOf(failure) : undefined;
  return problem ? fieldMessages(problem) : {};
}

/** A problem the form found itself, in words. */
export function problemText(t: TFunction, problem: RoomFormProblem | undefined): string | undefined {
  if (!problem) return undefined;
  return problem.code === 'required' ? t('rooms.create.required') : t('rooms.create.tooLong', { max: problem.max });
}

/** The first field with a problem gets focus, so keyboard users land on it. */
export function focusField(form: HTMLFormElement | null, order: readonly RoomFormField[], bad: readonly string[]) {
  const first = order.find((name) => bad.includes(name));
  if (form && first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}
