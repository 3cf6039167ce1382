import { MatrixError } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  MAX_RATE_LIMIT_WAIT_MS,
  rateLimitWaitMs,
  retryWhileRateLimited,
} from './rateLimit';

const limited = (headers: Record<string, string> = {}, body: Record<string, unknown> = {}) =>
  new MatrixError(
    { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', ...body },
    429,
    undefined,
    undefined,
    new Headers(headers),
  );

describe('rateLimitWaitMs', () => {
  it('reads the wait from Retry-After, from retry_after_ms, or takes the default', () => {
    expect(rateLimitWaitMs(limited({ 'Retry-After': '7' }))).toBe(7_000);
    expect(rateLimitWaitMs(limited({}, { retry_after_ms: 2_500 }))).toBe(2_500);
    expect(rateLimitWaitMs(limited())).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it('cuts a very long wait, and knows other failures are no rate limit', () => {
    expect(rateLimitWaitMs(limited({ 'Retry-After': '3600' }))).toBe(MAX_RATE_LIMIT_WAIT_MS);
    expect(rateLimitWaitMs(new MatrixError({ errcode: 'M_FORBIDDEN' }, 403))).toBeUndefined();
    expect(rateLimitWaitMs(new TypeError('Failed to fetch'))).toBeUndefined();
  });
});

describe('retryWhileRateLimited', () => {
  const recorder = () => {
    const waits: number[] = [];
    return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
  };

  it('waits as long as the homeserver asked, then tries again and answers what the next attempt gives', async () => {
    const { waits, sleep } = recorder();
    const outcomes: (() => Promise<string>)[] = [
      () => Promise.reject(limited({ 'Retry-After': '3' })),
      () => Promise.reject(limited({}, { retry_after_ms: 1_200 })),
      () => Promise.resolve('connected'),
    ];
    let calls = 0;
    await expect(retryWhileRateLimited(() => outcomes[calls++]!(), { sleep })).resolves.toBe('connected');
    expect(waits).toEqual([3_000, 1_200]);
    expect(calls).toBe(3);
  });

  it('throws any other failure at once, and the rate limit itself once the attempts are used up', async () => {
    const { waits, sleep } = recorder();
    const denied = new MatrixError({ errcode: 'M_FORBIDDEN' }, 403);
    await expect(retryWhileRateLimited(() => Promise.reject(denied), { sleep })).rejects.toBe(denied);
    expect(waits).toEqual([]);

    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(limited({ 'Retry-After': '1' }));
    };
    await expect(retryWhileRateLimited(attempt, { sleep, maxAttempts: 3 })).rejects.toMatchObject({ httpStatus: 429 });
    expect(calls).toBe(3);
    expect(waits).toEqual([1_000, 1_000]);
  });

  it('stops when the connection is no longer wanted after a wait', async () => {
    const { sleep } = recorder();
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(limited());
    };
    await expect(retryWhileRateLimited(attempt, { sleep, stillWanted: () => false })).rejects.toMatchObject({
      httpStatus: 429,
    });
    expect(calls).toBe(1);
  });
});
