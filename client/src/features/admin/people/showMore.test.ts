import { describe, expect, it } from 'vitest';
import { shownRows } from './showMore';

describe('shownRows', () => {
  it('grows by one step per press and stops at the total', () => {
    expect(shownRows(600, 0)).toBe(50);
    expect(shownRows(600, 1)).toBe(100);
    expect(shownRows(120, 2)).toBe(120);
    expect(shownRows(0, 0)).toBe(0);
  });
});
