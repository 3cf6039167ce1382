/** Result of probing one part of the stack (database, identity provider, homeserver). */
export interface PartHealth {
  status: 'up' | 'down';
  /** How long the probe took, in milliseconds. */
  latencyMs: number;
  /** Why the part is down, in words an operator can act on. Never contains secrets. */
  detail?: string;
}

export interface HealthProbe {
  /** Stable name of the part, e.g. "database", "keycloak", "synapse". */
  readonly part: string;
  check(): Promise<PartHealth>;
}

/** A probe that times one call: up if it answers, down (with the error's message) if it fails. */
export function pingProbe(part: string, ping: () => Promise<unknown>): HealthProbe {
  return {
    part,
    async check() {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        await ping();
        return { status: 'up', latencyMs: latency() };
      } catch (error) {
        return { status: 'down', latencyMs: latency(), detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
