import { describe, expect, it } from 'vitest';
import { confirmsName, exportStorageKey, exportStoragePrefix, pseudonymOf, pseudonymised } from './privacy.js';

describe('an erased person’s pseudonym', () => {
  it('says nothing about the person', () => {
    expect(pseudonymOf('0123456789abcdef0123')).toBe('erased-0123456789ab');
  });

  it('replaces every identifier wherever it is written, ignoring case, and nothing else', () => {
    const details = {
      username: 'eva.probe',
      mail: 'Eva.Probe@amt.example',
      note: 'added by Eva Probe to room Haushalt',
      list: ['x', { who: '@eva.probe:localhost' }],
      count: 3,
      other: 'Evangelisches Amt',
      none: null,
    };
    const out = pseudonymised(
      details,
      ['eva.probe@amt.example', 'eva.probe', 'Eva Probe', '@eva.probe:localhost', 'E'],
      'erased-1',
    );
    expect(out).toEqual({
      username: 'erased-1',
      mail: 'erased-1',
      note: 'added by erased-1 to room Haushalt',
      list: ['x', { who: '@erased-1:localhost' }],
      count: 3,
      other: 'Evangelisches Amt',
      none: null,
    });
  });
});

describe('the confirmation of an erasure', () => {
  const person = { firstName: 'Eva', lastName: 'Probe' };
  it('accepts the name however it is spaced or cased', () => {
    expect(confirmsName('  eva   PROBE ', person)).toBe(true);
  });
  it('refuses anything else', () => {
    expect(confirmsName('Eva', person)).toBe(false);
    expect(confirmsName('Eva Probe-Muster', person)).toBe(false);
  });
});

it('keeps export archives apart from the documents’ versions', () => {
  expect(exportStorageKey('t1', 'x1').startsWith(exportStoragePrefix)).toBe(true);
});
