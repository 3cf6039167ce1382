import { ApiError } from './errors';

/** A contract schema, as far as reading an answer needs it. */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** Reads an answer with its contract schema, so a changed server shows as an error instead of a broken page. */
export function parseWith<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError({ kind: 'invalid' });
  return result.data;
}
