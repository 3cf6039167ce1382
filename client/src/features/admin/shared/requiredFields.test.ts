import { describe, expect, it } from 'vitest';
import { emptyRequired } from './requiredFields';

describe('emptyRequired', () => {
  it('names the empty required fields in form order', () => {
    expect(emptyRequired({ a: ' ', b: 'x', c: '' }, ['c', 'a', 'b'])).toEqual(['c', 'a']);
  });
});
