import type { ApiFailure } from '../../lib/api/http';
import type { Readiness } from '../../lib/api/readiness';
import type { ReadinessState } from './useReadiness';

export type Tone = 'busy' | 'ok' | 'problem';

/** What the live region says, as a translation key with its values. */
export interface Summary {
  tone: Tone;
  key: string;
  values?: Record<string, string | number>;
  /** A second sentence explaining an error. */
  reason?: { key: string; values?: Record<string, string | number> };
}

const KNOWN_PARTS = ['database', 'keycloak', 'synapse'];

/** Translation key for a part's display name; unknown parts are shown as the server names them. */
export function partLabelKey(name: string): string | undefined {
  return KNOWN_PARTS.includes(name) ? `status.parts.${name}` : undefined;
}

function failureReason(failure: ApiFailure): NonNullable<Summary['reason']> {
  if (failure.kind === 'http') return { key: 'status.error.http', values: { status: failure.status } };
  return { key: `status.error.${failure.kind}` };
}

function readinessSummary(readiness: Readiness): Summary {
  const total = readiness.parts.length;
  const down = readiness.parts.filter((part) => part.status === 'down').length;
  if (down > 0) {
    return { tone: 'problem', key: 'status.summary.someDown', values: { count: down, total } };
  }
  if (readiness.status !== 'ready') return { tone: 'problem', key: 'status.summary.notReady' };
  if (!readiness.detailed) return { tone: 'ok', key: 'status.summary.ready' };
  if (total === 0) return { tone: 'ok', key: 'status.summary.noParts' };
  return { tone: 'ok', key: 'status.summary.allUp' };
}

export function summarise(state: ReadinessState): Summary {
  if (state.loading || !state.result) return { tone: 'busy', key: 'status.loading' };
  if (state.result.kind === 'error') {
    return { tone: 'problem', key: 'status.error.title', reason: failureReason(state.result.failure) };
  }
  return readinessSummary(state.result.readiness);
}
