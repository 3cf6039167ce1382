import { describe, expect, it } from 'vitest';
import { isPlainClick, isWithin, normalisePath, parseTarget, withQuery } from './location';

const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };

describe('router locations', () => {
  it('normalises trailing slashes', () => {
    expect(normalisePath('/admin/people/')).toBe('/admin/people');
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('')).toBe('/');
  });

  it('splits path and query and drops the hash', () => {
    expect(parseTarget('/admin/audit?cursor=x#top')).toEqual({ pathname: '/admin/audit', search: '?cursor=x' });
    expect(parseTarget('/status')).toEqual({ pathname: '/status', search: '' });
    expect(parseTarget('?a=1')).toEqual({ pathname: '/', search: '?a=1' });
  });

  it('builds queries from set values only', () => {
    expect(withQuery('/admin/people', { tenant: 'abc', empty: '', none: undefined })).toBe('/admin/people?tenant=abc');
    expect(withQuery('/admin/people', {})).toBe('/admin/people');
  });

  it('leaves modified clicks and other targets to the browser', () => {
    expect(isPlainClick(click, null)).toBe(true);
    expect(isPlainClick({ ...click, ctrlKey: true }, null)).toBe(false);
    expect(isPlainClick({ ...click, button: 1 }, null)).toBe(false);
    expect(isPlainClick(click, '_blank')).toBe(false);
  });

  it('knows which section a path is in', () => {
    expect(isWithin('/admin/people/import', '/admin/people')).toBe(true);
    expect(isWithin('/admin/peoples', '/admin/people')).toBe(false);
  });
});
