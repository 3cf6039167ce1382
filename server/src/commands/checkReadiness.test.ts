import { describe, expect, it } from 'vitest';
import type { HealthProbe, PartHealth } from '../domain/ports/health.js';
import { checkReadiness } from './checkReadiness.js';

const probe = (part: string, check: () => Promise<PartHealth>): HealthProbe => ({ part, check });
const up = (): Promise<PartHealth> => Promise.resolve({ status: 'up', latencyMs: 1 });

describe('checkReadiness', () => {
  it('is ready when every part is up', async () => {
    const r = await checkReadiness([probe('database', up), probe('keycloak', up)], 100);
    expect(r).toEqual({
      status: 'ready',
      checks: { database: { status: 'up', latencyMs: 1 }, keycloak: { status: 'up', latencyMs: 1 } },
    });
  });

  it('names the part that is down and keeps the others', async () => {
    const r = await checkReadiness(
      [
        probe('database', up),
        probe('synapse', () => Promise.resolve({ status: 'down', latencyMs: 2, detail: 'connection refused' })),
      ],
      100,
    );
    expect(r.status).toBe('not-ready');
    expect(r.checks.synapse).toEqual({ status: 'down', latencyMs: 2, detail: 'connection refused' });
    expect(r.checks.database?.status).toBe('up');
  });

  it('counts a probe that throws or hangs as down with the reason', async () => {
    const r = await checkReadiness(
      [
        probe('keycloak', () => Promise.reject(new Error('boom'))),
        probe('synapse', () => new Promise<PartHealth>(() => {})),
      ],
      50,
    );
    expect(r.status).toBe('not-ready');
    expect(r.checks.keycloak).toMatchObject({ status: 'down', detail: 'boom' });
    expect(r.checks.synapse).toEqual({ status: 'down', latencyMs: 50, detail: 'no answer within 50 ms' });
  });
});
