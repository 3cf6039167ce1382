/** Something that runs while the backend runs: a worker, a watcher, a periodic pass, a server, a pool. */
export interface Part {
  name: string;
  /** Starts it; may be left out for a part that runs from the moment it is built. */
  start?: () => void | Promise<void>;
  /** Stops it: no new work, the running work finished (or handed back), resources released. */
  stop: () => void | Promise<void>;
}

export interface Lifecycle {
  /** Adds a part; parts start in the order added. */
  add(part: Part): void;
  start(): Promise<void>;
  /**
   * Stops the started parts in reverse order, each after the one added after it has stopped, so
   * nothing is stopped while a later part may still use it (the database closes last). A part that
   * fails to stop is reported and the others still stop. Calls after the first return its promise.
   */
  stop(): Promise<void>;
}

export function createLifecycle(onStopFailed: (name: string, error: unknown) => void): Lifecycle {
  const parts: Part[] = [];
  const started: Part[] = [];
  let stopping: Promise<void> | undefined;
  return {
    add: (part) => {
      if (stopping) throw new Error(`cannot add ${part.name}: the backend is stopping`);
      parts.push(part);
    },
    start: async () => {
      for (const part of parts.slice(started.length)) {
        await part.start?.();
        started.push(part);
      }
    },
    stop: () => {
      stopping ??= (async () => {
        for (const part of started.splice(0).reverse()) {
          try {
            await part.stop();
          } catch (error) {
            onStopFailed(part.name, error);
          }
        }
      })();
      return stopping;
    },
  };
}

/** A part that is built when it starts, such as a periodic pass, and stopped through what its start returned. */
export function startedPart(name: string, start: () => { stop: () => void | Promise<void> }): Part {
  let running: { stop: () => void | Promise<void> } | undefined;
  return {
    name,
    start: () => {
      running = start();
    },
    stop: () => running?.stop(),
  };
}
