import { describe, expect, it } from 'vitest';
import { aliasLocalpartForKey, toLocalpart } from './matrixIds.js';

describe('toLocalpart', () => {
  // Expected values produced by Synapse's own map_username_to_mxid_localpart.
  it.each([
    ['Max.Müller', 'max.m=c3=bcller'],
    ['_hidden', '=5fhidden'],
    ['a=b', 'a=3db'],
    ['Ünal Öztürk', '=c3=9cnal=20=c3=96zt=c3=bcrk'],
    ['x+y/z', 'x+y/z'],
    ['jürgen@amt.de', 'j=c3=bcrgen=40amt.de'],
  ])('maps %s like Synapse maps an OIDC username', (name, localpart) => {
    expect(toLocalpart(name)).toBe(localpart);
  });
});

describe('aliasLocalpartForKey', () => {
  it('keeps simple keys readable', () => {
    expect(aliasLocalpartForKey('team-42.general')).toBe('ws_team-42.general');
  });

  it('keeps keys that differ only in case or punctuation apart', () => {
    const keys = ['Ab', 'ab', '_ab', 'a_b', 'a/b', 'a=2fb', 'a b', 'a:b', 'ä'];
    const aliases = keys.map(aliasLocalpartForKey);
    expect(new Set(aliases).size).toBe(keys.length);
    for (const alias of aliases) expect(alias).toMatch(/^ws_[a-z0-9._=-]+$/);
  });
});
