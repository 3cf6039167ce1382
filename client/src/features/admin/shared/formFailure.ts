import { type ApiFailure, problemOf } from '../../../lib/api/http';
import { fieldMessages } from '../../../lib/api/problem';

/** The server's message for each field of a failed form, by the field's name in the request body. */
export function fieldErrorsOf(failure: ApiFailure | undefined): Record<string, string> {
  const problem = failure ? problemOf(failure) : undefined;
  return problem ? fieldMessages(problem) : {};
}

/** Moves focus to the first field the server rejected, so keyboard users land on it. */
export function focusFirstInvalid(
  form: HTMLFormElement | null,
  order: readonly string[],
  errors: Record<string, string>,
): void {
  const first = order.find((name) => errors[name] !== undefined);
  if (!form || first === undefined) return;
  const control = form.querySelector<HTMLElement>(`[name="${first}"]`);
  control?.focus();
}
