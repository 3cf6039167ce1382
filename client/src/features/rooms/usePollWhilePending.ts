import { useEffect } from 'react';

/**
 * Loads again every few seconds while a room waits for the chat server: the server sends
 * no live update when a sync job finishes, so "wird eingerichtet" would otherwise stay.
 */
export function usePollWhilePending(pending: boolean, reload: () => void, intervalMs = 4000): void {
  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setTimeout(reload, intervalMs);
    return () => window.clearTimeout(timer);
  });
}
