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
