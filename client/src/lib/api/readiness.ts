import { readiness, type PartHealth, type ReadinessAnswer } from '@arbeitsbereich/contract';
import { ApiError, getJson } from './http';

/** One part of the stack as reported by GET /readyz, with its name from the server ("database", "keycloak", …). */
export interface PartReport extends PartHealth {
  name: string;
}

/** The answer of GET /readyz as the status page shows it: the parts in the order the server sent them. */
export interface Readiness {
  status: ReadinessAnswer['status'];
  /** False when the server told only whether it is ready (everyone but platform admins); then `parts` is empty. */
  detailed: boolean;
  parts: PartReport[];
}

/** Reads a /readyz body with the contract's schema; undefined when it is not one. */
export function parseReadiness(body: unknown): Readiness | undefined {
  const result = readiness.safeParse(body);
  if (!result.success) return undefined;
  const { status, checks } = result.data;
  if (checks === undefined) return { status, detailed: false, parts: [] };
  const parts = Object.entries(checks).map(([name, { status: partStatus, latencyMs, detail }]): PartReport => ({
    name,
    status: partStatus,
    latencyMs,
    ...(detail !== undefined && detail.trim() !== '' ? { detail } : {}),
  }));
  return { status, detailed: true, parts };
}

/**
 * GET /readyz. The server answers 200 when ready and 503 otherwise, with the
 * same body; each part's state only to a signed-in platform admin.
 */
export async function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  const { body } = await getJson('/readyz', signal ? { signal, acceptStatus: [503] } : { acceptStatus: [503] });
  const answer = parseReadiness(body);
  if (!answer) throw new ApiError({ kind: 'invalid' });
  return answer;
}
