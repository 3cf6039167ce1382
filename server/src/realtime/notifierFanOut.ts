import type { Notifier, WorkspaceEvent } from '../domain/ports/notifier.js';

/** Hands every workspace event to each listener (live updates, the collaboration server); one failing never stops the others. */
export function fanOut(listeners: Notifier[], onError: (error: unknown) => void): Notifier {
  return {
    publish(event: WorkspaceEvent) {
      for (const listener of listeners) {
        try {
          listener.publish(event);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}
