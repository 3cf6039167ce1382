import { z } from 'zod';

export const partStatuses = ['up', 'down'] as const;
export type PartStatus = (typeof partStatuses)[number];

/** One part of the stack (database, Keycloak, Synapse, …) as a probe found it. */
export const partHealth = z.object({
  status: z.enum(partStatuses),
  latencyMs: z.number(),
  detail: z.string().optional(),
});
export type PartHealth = z.output<typeof partHealth>;

/**
 * GET /readyz, 200 when ready and 503 otherwise: each part's state by its name only for those
 * who may read it (a signed-in platform admin, monitoring with the operator's key).
 */
export const readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.record(z.string(), partHealth).optional(),
});
export type ReadinessAnswer = z.output<typeof readiness>;
