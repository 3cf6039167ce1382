import { describe, expect, it } from 'vitest';
import { summarise } from './summary';

const checkedAt = new Date(0);

describe('summarise', () => {
  it('says it is loading while a request runs', () => {
    expect(summarise({ loading: true }).key).toBe('status.loading');
  });

  it('counts the parts that are down', () => {
    const summary = summarise({
      loading: false,
      result: {
        kind: 'ok',
        checkedAt,
        readiness: {
          status: 'not-ready',
          detailed: true,
          parts: [
            { name: 'database', status: 'up', latencyMs: 1 },
            { name: 'synapse', status: 'down', latencyMs: 5 },
          ],
        },
      },
    });
    expect(summary).toEqual({ tone: 'problem', key: 'status.summary.someDown', values: { count: 1, total: 2 } });
  });

  it('says only ready or not ready when the server names no parts (not a platform admin)', () => {
    const answer = (status: 'ready' | 'not-ready') =>
      summarise({
        loading: false,
        result: { kind: 'ok', checkedAt, readiness: { status, detailed: false, parts: [] } },
      });
    expect(answer('ready')).toEqual({ tone: 'ok', key: 'status.summary.ready' });
    expect(answer('not-ready')).toEqual({ tone: 'problem', key: 'status.summary.notReady' });
  });

  it('explains an HTTP failure with its status', () => {
    const summary = summarise({ loading: false, result: { kind: 'error', failure: { kind: 'http', status: 502 } } });
    expect(summary.reason).toEqual({ key: 'status.error.http', values: { status: 502 } });
  });
});
