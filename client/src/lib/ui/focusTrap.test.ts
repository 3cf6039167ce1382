import { describe, expect, it } from 'vitest';
import { trapTarget } from './focusTrap';

describe('trapTarget', () => {
  const items = ['close', 'room-a', 'room-b', 'home'];

  it('keeps the browser move between the first and the last element', () => {
    expect(trapTarget(items, 'room-a', false)).toBeUndefined();
    expect(trapTarget(items, 'room-b', true)).toBeUndefined();
    expect(trapTarget(items, 'close', false)).toBeUndefined();
    expect(trapTarget(items, 'home', true)).toBeUndefined();
  });

  it('wraps Tab from the last element to the first, and Shift+Tab from the first to the last', () => {
    expect(trapTarget(items, 'home', false)).toBe('close');
    expect(trapTarget(items, 'close', true)).toBe('home');
  });

  it('brings focus from outside the trap back to its first or last element', () => {
    expect(trapTarget(items, 'elsewhere', false)).toBe('close');
    expect(trapTarget(items, 'elsewhere', true)).toBe('home');
    expect(trapTarget(items, null, false)).toBe('close');
  });

  it('keeps a single element focused in both directions', () => {
    expect(trapTarget(['only'], 'only', false)).toBe('only');
    expect(trapTarget(['only'], 'only', true)).toBe('only');
  });

  it('leaves an empty trap to the browser', () => {
    expect(trapTarget([], 'anything', false)).toBeUndefined();
  });
});
