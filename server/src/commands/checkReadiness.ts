import type { HealthProbe, PartHealth } from '../domain/ports/health.js';

export interface Readiness {
  status: 'ready' | 'not-ready';
  checks: Record<string, PartHealth>;
}

/**
 * Asks every part of the stack at once; a probe that hangs or throws counts as
 * down with the reason, so one slow part never hides the others' state.
 */
export async function checkReadiness(probes: readonly HealthProbe[], timeoutMs: number): Promise<Readiness> {
  const entries = await Promise.all(
    probes.map(async (probe): Promise<[string, PartHealth]> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<PartHealth>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: 'down', latencyMs: timeoutMs, detail: `no answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
      });
      try {
        const result = await Promise.race([probe.check(), timeout]);
        return [probe.part, result];
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return [probe.part, { status: 'down', latencyMs: Math.round(performance.now() - started), detail }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  const status = entries.every(([, h]) => h.status === 'up') ? 'ready' : 'not-ready';
  return { status, checks };
}
