import { NetworkError } from '@keycloak/keycloak-admin-client';
import { describe, expect, it } from 'vitest';
import { KeycloakError, toKeycloakError } from './keycloakErrors.js';

const target = 'http://keycloak.internal:8080';

function answer(status: number, responseData: unknown): NetworkError {
  return new NetworkError('Network response was not OK.', { response: new Response(null, { status }), responseData });
}

function fetchFailure(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}

describe('toKeycloakError', () => {
  it('keeps the status and reason of an answer; 4xx is final', () => {
    const error = toKeycloakError(
      'create user',
      target,
      1000,
      answer(409, { errorMessage: 'User exists with same username' }),
    );
    expect(error).toBeInstanceOf(KeycloakError);
    expect(error).toMatchObject({ status: 409, retryable: false });
    expect(error.message).toBe('create user failed: HTTP 409: User exists with same username');
  });

  it('marks 5xx and 429 as retryable', () => {
    expect(toKeycloakError('list organizations', target, 1000, answer(503, '')).retryable).toBe(true);
    expect(toKeycloakError('list organizations', target, 1000, answer(429, undefined)).retryable).toBe(true);
    expect(toKeycloakError('list organizations', target, 1000, answer(403, { error: 'unknown_error' })).retryable).toBe(
      false,
    );
  });

  it('names a refused connection and the server', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:8080'), { code: 'ECONNREFUSED' });
    const error = toKeycloakError('read user', target, 1000, fetchFailure(refused));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(error.message).toBe(`read user: connection refused at ${target}`);
  });

  it('finds the system error behind several addresses tried in turn', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:8080'), { code: 'ECONNREFUSED' });
    const error = toKeycloakError('read user', target, 1000, fetchFailure(new AggregateError([refused])));
    expect(error.message).toBe(`read user: connection refused at ${target}`);
  });

  it('names an unknown host and a timeout', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND keycloak.internal'), { code: 'ENOTFOUND' });
    expect(toKeycloakError('read user', target, 1000, fetchFailure(dns)).message).toBe(
      `read user: host of ${target} not found (DNS)`,
    );
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toKeycloakError('read user', target, 2500, timeout)).toMatchObject({
      message: `read user: no answer from ${target} within 2500 ms`,
      retryable: true,
    });
  });

  it('explains a port that fetch refuses', () => {
    const error = toKeycloakError('read user', 'http://127.0.0.1:1', 1000, fetchFailure(new Error('bad port')));
    expect(error.message).toBe(
      'read user: http://127.0.0.1:1 uses a port that fetch refuses to connect to (blocked port)',
    );
  });

  it('passes a KeycloakError through unchanged', () => {
    const original = new KeycloakError('token request failed: HTTP 401', { status: 401, retryable: false });
    expect(toKeycloakError('read user', target, 1000, original)).toBe(original);
  });
});
