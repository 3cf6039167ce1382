import { describe, expect, it } from 'vitest';
import { samePlain } from './samePlain';

describe('samePlain', () => {
  it('compares plain values all the way down', () => {
    expect(samePlain({ a: [1, { b: 'x' }], c: undefined }, { a: [1, { b: 'x' }], c: undefined })).toBe(true);
    expect(samePlain({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(samePlain({ a: undefined }, { b: undefined })).toBe(false);
    expect(samePlain([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(samePlain([1, 2], [1, 2, 3])).toBe(false);
    expect(samePlain(null, {})).toBe(false);
  });
});
