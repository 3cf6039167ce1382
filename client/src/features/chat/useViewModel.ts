import { useLayoutEffect, useState, useSyncExternalStore, type DependencyList } from 'react';
import type { ViewModel } from './viewModel';

const nothing = () => () => undefined;

/** The view-model's snapshot; the component re-renders when the view-model emits a new one. */
export function useViewModel<S>(vm: ViewModel<S>): S;
export function useViewModel<S>(vm: ViewModel<S> | undefined): S | undefined;
export function useViewModel<S>(vm: ViewModel<S> | undefined): S | undefined {
  return useSyncExternalStore(vm?.subscribe ?? nothing, vm?.getSnapshot ?? (() => undefined));
}

/**
 * A view-model the component owns: made when `deps` change and disposed with the component or
 * when the next one replaces it. Made in a layout effect, so strict mode's second run makes a
 * fresh one (the first is disposed), and the first paint already shows it.
 */
export function useOwnedViewModel<V extends { dispose(): void }>(
  make: (() => V) | undefined,
  deps: DependencyList,
): V | undefined {
  const [owned, setOwned] = useState<V>();
  useLayoutEffect(() => {
    const vm = make?.();
    setOwned(vm);
    return () => vm?.dispose();
    // The caller names what the view-model is made from; `make` is a new function each render.
  }, deps);
  return owned;
}
