/** The required fields left empty, in form order; the form says so before asking the server. */
export function emptyRequired<T extends Record<string, string>>(
  values: T,
  required: readonly (keyof T)[],
): (keyof T)[] {
  return required.filter((field) => (values[field] ?? '').trim() === '');
}
