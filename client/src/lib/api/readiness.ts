import { ApiError, getJson } from './http';

export type PartStatus = 'up' | 'down';

/** One part of the stack as reported by GET /readyz. */
export interface PartReport {
  /** Stable name from the server, e.g. "database", "keycloak", "synapse". */
  name: string;
  status: PartStatus;
  latencyMs: number;
  detail?: string;
}

export interface Readiness {
  status: 'ready' | 'not-ready';
  /** False when the server told only whether it is ready (everyone but platform admins); then `parts` is empty. */
  detailed: boolean;
  parts: PartReport[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePart(name: string, value: unknown): PartReport | undefined {
  if (!isRecord(value)) return undefined;
  const { status, latencyMs, detail } = value;
  if (status !== 'up' && status !== 'down') return undefined;
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs)) return undefined;
  const part: PartReport = { name, status, latencyMs };
  if (typeof detail === 'string' && detail.trim() !== '') part.detail = detail;
  return part;
}

/** Checks the shape of a /readyz body; undefined when it is not one. */
export function parseReadiness(body: unknown): Readiness | undefined {
  if (!isRecord(body)) return undefined;
  if (body.status !== 'ready' && body.status !== 'not-ready') return undefined;
  if (body.checks === undefined) return { status: body.status, detailed: false, parts: [] };
  if (!isRecord(body.checks)) return undefined;
  const parts: PartReport[] = [];
  for (const [name, value] of Object.entries(body.checks)) {
    const part = parsePart(name, value);
    if (!part) return undefined;
    parts.push(part);
  }
  return { status: body.status, detailed: true, parts };
}

/**
 * GET /readyz. The server answers 200 when ready and 503 otherwise, with the
 * same body; each part's state only to a signed-in platform admin.
 */
export async function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  const { body } = await getJson('/readyz', signal ? { signal, acceptStatus: [503] } : { acceptStatus: [503] });
  const readiness = parseReadiness(body);
  if (!readiness) throw new ApiError({ kind: 'invalid' });
  return readiness;
}
