import { type ImportProblem } from '@arbeitsbereich/contract';

/** The codes the server reports for a bad import row; each has its own explanation. */
export const KNOWN_PROBLEM_CODES = [
  'missing-email',
  'invalid-email',
  'foreign-domain',
  'duplicate-in-file',
  'exists-already',
  'missing-name',
  'invalid-role',
  'invalid-username',
  'reserved-username',
] as const;

export interface Explanation {
  key: string;
  values: Record<string, string>;
}

/**
 * A problem in words: which translation explains its code, with the field's name and the
 * row's value filled in. A code this client does not know yet is still shown, by name.
 */
export function explainProblem(
  problem: Pick<ImportProblem, 'code' | 'field' | 'value'>,
  domains: readonly string[],
): Explanation {
  const known = (KNOWN_PROBLEM_CODES as readonly string[]).includes(problem.code);
  const code =
    known && problem.code === 'duplicate-in-file' && problem.field === 'username' ? 'duplicate-username' : problem.code;
  const exists = known && problem.code === 'exists-already' && problem.field === 'username' ? 'username-exists' : code;
  return {
    key: known ? `admin.import.codes.${exists}` : 'admin.import.codes.unknown',
    values: { code: problem.code, value: problem.value, domains: domains.join(', ') },
  };
}

/** Translation key of the field a problem is in. */
export function fieldKey(field: ImportProblem['field']): string {
  return `admin.import.fields.${field}`;
}
