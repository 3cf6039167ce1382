import { useEffect } from 'react';

/** Reloads every few seconds while something waits for Keycloak or Synapse, so "Ausstehend" turns into a result. */
export function usePollWhilePending(pending: boolean, reload: () => void, intervalMs = 4000): void {
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(reload, intervalMs);
    return () => window.clearTimeout(timer);
  });
}
