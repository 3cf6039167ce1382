import { describe, expect, it } from 'vitest';
import de from '../../../lib/i18n/de.json';
import en from '../../../lib/i18n/en.json';
import { KNOWN_PROBLEM_CODES, explainProblem, fieldKey } from './problemExplanation';

function lookUp(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      catalogue,
    );
}

describe('explainProblem', () => {
  it('explains a foreign domain with the value and the allowed domains', () => {
    expect(
      explainProblem({ code: 'foreign-domain', field: 'email', value: 'x@elsewhere.example' }, ['demo.example']),
    ).toEqual({
      key: 'admin.import.codes.foreign-domain',
      values: { code: 'foreign-domain', value: 'x@elsewhere.example', domains: 'demo.example' },
    });
  });

  it('tells duplicate sign-in names from duplicate e-mail addresses', () => {
    expect(explainProblem({ code: 'duplicate-in-file', field: 'email', value: 'a@b.example' }, []).key).toBe(
      'admin.import.codes.duplicate-in-file',
    );
    expect(explainProblem({ code: 'duplicate-in-file', field: 'username', value: 'a' }, []).key).toBe(
      'admin.import.codes.duplicate-username',
    );
    expect(explainProblem({ code: 'exists-already', field: 'username', value: 'a' }, []).key).toBe(
      'admin.import.codes.username-exists',
    );
  });

  it('still shows a code it does not know', () => {
    expect(explainProblem({ code: 'too-fancy', field: 'file', value: '' }, [])).toEqual({
      key: 'admin.import.codes.unknown',
      values: { code: 'too-fancy', value: '', domains: '' },
    });
  });

  it('has an explanation for every code and field in both languages', () => {
    const keys = [
      ...KNOWN_PROBLEM_CODES.map((code) => `admin.import.codes.${code}`),
      'admin.import.codes.duplicate-username',
      'admin.import.codes.username-exists',
      'admin.import.codes.unknown',
      ...(['email', 'firstName', 'lastName', 'role', 'username', 'file'] as const).map(fieldKey),
    ];
    for (const key of keys) {
      expect(typeof lookUp(de, key), `${key} in German`).toBe('string');
      expect(typeof lookUp(en, key), `${key} in English`).toBe('string');
    }
  });
});
