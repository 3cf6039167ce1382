import { describe, expect, it } from 'vitest';
import { parseReadiness } from './readiness';

describe('parseReadiness', () => {
  it('keeps the parts in the order the server sends them', () => {
    const readiness = parseReadiness({
      status: 'not-ready',
      checks: {
        database: { status: 'up', latencyMs: 3 },
        keycloak: { status: 'down', latencyMs: 2001, detail: 'connection refused' },
        antivirus: { status: 'up', latencyMs: 12.5 },
      },
    });
    expect(readiness).toEqual({
      status: 'not-ready',
      detailed: true,
      parts: [
        { name: 'database', status: 'up', latencyMs: 3 },
        { name: 'keycloak', status: 'down', latencyMs: 2001, detail: 'connection refused' },
        { name: 'antivirus', status: 'up', latencyMs: 12.5 },
      ],
    });
  });

  it('takes the answer without parts that everyone but a platform admin gets', () => {
    expect(parseReadiness({ status: 'ready' })).toEqual({ status: 'ready', detailed: false, parts: [] });
    expect(parseReadiness({ status: 'not-ready' })).toEqual({ status: 'not-ready', detailed: false, parts: [] });
  });

  it('rejects bodies of another shape', () => {
    expect(parseReadiness(null)).toBeUndefined();
    expect(parseReadiness({ status: 'ok', checks: {} })).toBeUndefined();
    expect(parseReadiness({ status: 'ok' })).toBeUndefined();
    expect(parseReadiness({ status: 'ready', checks: [] })).toBeUndefined();
    expect(parseReadiness({ status: 'ready', checks: { db: { status: 'fine', latencyMs: 1 } } })).toBeUndefined();
    expect(parseReadiness({ status: 'ready', checks: { db: { status: 'up' } } })).toBeUndefined();
  });
});
