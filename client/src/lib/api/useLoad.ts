import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiFailure, toApiFailure } from './http';

export interface Loaded<T> {
  data?: T;
  failure?: ApiFailure;
  loading: boolean;
  /** Loads again; the shown data stays until the new answer arrives. */
  reload: () => void;
  /** Replaces the shown data, e.g. with the server's answer to a change. */
  update: (change: (data: T) => T) => void;
}

/**
 * Runs `load` whenever `key` changes (and on `reload`), aborting the previous run.
 * `load` is undefined while there is nothing to load yet (e.g. no tenant chosen).
 */
export function useLoad<T>(key: string, load: ((signal: AbortSignal) => Promise<T>) | undefined): Loaded<T> {
  const [state, setState] = useState<{ data?: T; failure?: ApiFailure; loading: boolean }>({
    loading: load !== undefined,
  });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const enabled = load !== undefined;

  useEffect(() => {
    const run = loadRef.current;
    if (!run) {
      setState({ loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...(previous.data !== undefined ? { data: previous.data } : {}), loading: true }));
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ failure: toApiFailure(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [key, round, enabled]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((previous) => (previous.data === undefined ? previous : { ...previous, data: change(previous.data) })),
    [],
  );
  return { ...state, reload, update };
}
