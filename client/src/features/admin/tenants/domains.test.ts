import { describe, expect, it } from 'vitest';
import { parseDomains } from './domains';

describe('parseDomains', () => {
  it('splits by comma, semicolon, space and line', () => {
    expect(parseDomains('amt.example, Stadt.example;\nkreis.example  @land.example')).toEqual([
      'amt.example',
      'stadt.example',
      'kreis.example',
      'land.example',
    ]);
  });

  it('drops duplicates and empties', () => {
    expect(parseDomains(' , amt.example,,amt.example ')).toEqual(['amt.example']);
    expect(parseDomains('')).toEqual([]);
  });
});
