import { describe, expect, it } from 'vitest';
import { failureText } from './failureText';

describe('failureText', () => {
  it('names a known status and keeps the server detail', () => {
    expect(
      failureText({
        kind: 'http',
        status: 409,
        problem: { title: 'Conflict', status: 409, detail: 'This sign-in name is taken', errors: [] },
      }),
    ).toEqual({ key: 'errors.status.409', serverDetail: 'This sign-in name is taken' });
  });

  it('falls back to the status number', () => {
    expect(failureText({ kind: 'http', status: 502 })).toEqual({ key: 'errors.status.other', values: { status: 502 } });
  });

  it('explains network failures', () => {
    expect(failureText({ kind: 'timeout' })).toEqual({ key: 'errors.timeout' });
  });
});
