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
      parts: [
        { name: 'database', status: 'up', latencyMs: 3 },
        { name: 'keycloak', status: 'down', latencyMs: 2001, detail: 'connection refused' },
        { name: 'antivirus', status: 'up', latencyMs: 12.5 },
      ],
    });
  });

  it('rejects bodies of another shape', () => {
    expect(parseReadiness(null)).toBeUndefined();
    expect(parseReadiness({ status: 'ok', checks: {} })).toBeUndefined();
    expect(parseReadiness({ status: 'ready' })).toBeUndefined();
    expect(parseReadiness({ status: 'ready', checks: { db: { status: 'fine', latencyMs: 1 } } })).toBeUndefined();
    expect(parseReadiness({ status: 'ready', checks: { db: { status: 'up' } } })).toBeUndefined();
  });
});
