import { describe, expect, it } from 'vitest';
import { isPersonsActivity } from './http';

describe('isPersonsActivity', () => {
  it('counts a request made right after a key or click', () => {
    expect(isPersonsActivity({}, true)).toBe(true);
  });

  it('sends a request the page made by itself as background', () => {
    expect(isPersonsActivity({}, false)).toBe(false);
  });

  it('counts a request asked to renew the session without a click', () => {
    expect(isPersonsActivity({ activity: true }, false)).toBe(true);
  });

  it('counts every request where the browser cannot tell', () => {
    expect(isPersonsActivity({}, undefined)).toBe(true);
  });
});
