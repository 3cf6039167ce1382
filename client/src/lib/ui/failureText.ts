import type { ApiFailure } from '../api/http';

/** A failure as a translation key, its values, and the server's own words if it sent any. */
export interface FailureText {
  key: string;
  values?: Record<string, string | number>;
  serverDetail?: string;
}

const KNOWN_STATUSES = [400, 401, 403, 404, 409, 422, 429];

export function failureText(failure: ApiFailure): FailureText {
  if (failure.kind !== 'http') return { key: `errors.${failure.kind}` };
  const detail = failure.problem?.detail;
  const base: FailureText = KNOWN_STATUSES.includes(failure.status)
    ? { key: `errors.status.${failure.status}` }
    : { key: 'errors.status.other', values: { status: failure.status } };
  return detail ? { ...base, serverDetail: detail } : base;
}
