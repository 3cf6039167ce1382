import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { type Readiness, fetchReadiness } from '../../lib/api/readiness';

export type ReadinessResult =
  { kind: 'ok'; readiness: Readiness; checkedAt: Date } | { kind: 'error'; failure: ApiFailure };

export interface ReadinessState {
  /** True while a request is under way; the previous result stays visible meanwhile. */
  loading: boolean;
  result?: ReadinessResult;
}

/** Loads /readyz once on mount and again whenever `refresh` is called. */
export function useReadiness(): ReadinessState & { refresh: () => void } {
  const [state, setState] = useState<ReadinessState>({ loading: true });
  const current = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((previous) => ({ ...previous, loading: true }));
    fetchReadiness(controller.signal).then(
      (readiness) => {
        if (controller.signal.aborted) return;
        setState({ loading: false, result: { kind: 'ok', readiness, checkedAt: new Date() } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ loading: false, result: { kind: 'error', failure: toApiFailure(error) } });
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => current.current?.abort();
  }, [refresh]);

  return { ...state, refresh };
}
