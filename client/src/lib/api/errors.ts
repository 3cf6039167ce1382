import type { Problem } from './problem';

/** Why a request to the server did not give a usable answer. */
export type ApiFailure =
  { kind: 'network' } | { kind: 'timeout' } | { kind: 'http'; status: number; problem?: Problem } | { kind: 'invalid' };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(
      failure.kind === 'http' && failure.problem?.detail ? failure.problem.detail : `Request failed: ${failure.kind}`,
    );
    this.name = 'ApiError';
  }
}

export function toApiFailure(error: unknown): ApiFailure {
  return error instanceof ApiError ? error.failure : { kind: 'network' };
}

/** The problem the server sent with a failed request, if it sent one. */
export function problemOf(failure: ApiFailure): Problem | undefined {
  return failure.kind === 'http' ? failure.problem : undefined;
}
