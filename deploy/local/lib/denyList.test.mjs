import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonPasswords, denyList, seedFile } from './denyList.mjs';

describe('the password deny list', () => {
  const lines = denyList().split('\n').slice(0, -1);

  it('holds the seed and the common passwords, lower-cased, once each and without blanks', () => {
    const seed = fs.readFileSync(seedFile, 'utf8').split('\n').filter(Boolean);
    const all = new Set(lines);
    expect(all.size).toBe(lines.length);
    expect(lines.every((l) => l !== '' && l === l.toLowerCase() && l === l.trim())).toBe(true);
    expect(seed.every((s) => all.has(s.toLowerCase()))).toBe(true);
    expect(commonPasswords().every((p) => all.has(String(p).trim().toLowerCase()))).toBe(true);
    // Long enough for Keycloak's Bloom filter to keep its configured false-positive rate.
    expect(lines.length).toBeGreaterThan(40_000);
  });

  it('merges and lower-cases the lists it is given', () => {
    expect(denyList(['Passwort1234', '', '  Geheim123456 '], ['passwort1234', 'Dragon'])).toBe(
      'passwort1234\ngeheim123456\ndragon\n',
    );
  });
});
