import { describe, expect, it } from 'vitest';
import { nextTabIndex, visibleFaces } from './faceLayout';

describe('room faces', () => {
  const ids = ['chat', 'meeting'];

  it('shows the chosen face while nothing is live', () => {
    expect(visibleFaces(ids, 'meeting', new Set())).toEqual(['meeting']);
    expect(visibleFaces(ids, 'chat', new Set())).toEqual(['chat']);
    expect(visibleFaces(ids, 'gone', new Set())).toEqual(['chat']);
  });

  it('keeps the chat beside a running meeting, whichever tab is chosen', () => {
    expect(visibleFaces(ids, 'meeting', new Set(['meeting']))).toEqual(['meeting', 'chat']);
    expect(visibleFaces(ids, 'chat', new Set(['meeting']))).toEqual(['meeting', 'chat']);
  });

  it('shows a live face alone when there is no other', () => {
    expect(visibleFaces(['meeting'], 'meeting', new Set(['meeting']))).toEqual(['meeting']);
  });

  it('moves between tabs with arrows, Home and End', () => {
    expect(nextTabIndex('ArrowRight', 0, 2)).toBe(1);
    expect(nextTabIndex('ArrowRight', 1, 2)).toBe(0);
    expect(nextTabIndex('ArrowLeft', 0, 2)).toBe(1);
    expect(nextTabIndex('Home', 1, 3)).toBe(0);
    expect(nextTabIndex('End', 0, 3)).toBe(2);
    expect(nextTabIndex('Enter', 0, 3)).toBeUndefined();
    expect(nextTabIndex('ArrowRight', 0, 0)).toBeUndefined();
  });
});
