import { describe, expect, it } from 'vitest';
import { fieldMessages, parseProblem } from './problem';

describe('problem+json', () => {
  it("reads the server's title, detail, field errors and domain field", () => {
    const errors = [
      { path: 'body.firstAdmin.email', message: 'Invalid email address' },
      { path: 'body.slug', message: 'Too small' },
    ];
    const said = { title: 'Bad Request', status: 400, detail: 'The request is invalid.' };
    const problem = parseProblem({ type: 'about:blank', ...said, errors: [...errors, { nonsense: true }] }, 400);
    expect(problem).toEqual({ ...said, errors });
    expect(problem && fieldMessages(problem)).toEqual({
      'firstAdmin.email': 'Invalid email address',
      slug: 'Too small',
    });
  });

  it('links a domain rule to its field', () => {
    const problem = parseProblem(
      { title: 'Conflict', status: 409, detail: 'This sign-in name is taken', details: { field: 'username' } },
      409,
    );
    expect(problem?.field).toBe('username');
    expect(problem && fieldMessages(problem)).toEqual({ username: 'This sign-in name is taken' });
  });

  it('is undefined for bodies that are no problem', () => {
    expect(parseProblem(undefined, 502)).toBeUndefined();
    expect(parseProblem({ message: 'oops' }, 500)).toBeUndefined();
  });
});
