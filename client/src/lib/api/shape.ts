import type { Abilities } from '@arbeitsbereich/contract';
import { ApiError } from './errors';
import { isRecord } from './json';

/* Small checks of JSON shapes, so a changed server shows as an error instead of a broken page. */

export function invalidShape(): ApiError {
  return new ApiError({ kind: 'invalid' });
}

export function record(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw invalidShape();
  return value;
}

export function text(value: unknown): string {
  if (typeof value !== 'string') throw invalidShape();
  return value;
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

export function integer(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidShape();
  return value;
}

export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalidShape();
  return value as T;
}

export function list<T>(value: unknown, item: (entry: unknown) => T): T[] {
  if (!Array.isArray(value)) throw invalidShape();
  return value.map(item);
}

export function abilities(value: unknown): Abilities {
  const source = record(value);
  const result: Record<string, boolean> = {};
  for (const [action, allowed] of Object.entries(source)) result[action] = allowed === true;
  return result;
}
