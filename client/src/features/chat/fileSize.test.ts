import { describe, expect, it } from 'vitest';
import { formatBytes } from './fileSize';

describe('formatBytes', () => {
  it.each([
    [0, 'de', '0 B'],
    [1023, 'de', '1.023 B'],
    [1536, 'de', '1,5 KB'],
    [1536, 'en', '1.5 KB'],
    [100 * 1024 * 1024, 'de', '100 MB'],
    [5.25 * 1024 * 1024 * 1024, 'en', '5.3 GB'],
  ])('%d bytes in %s → %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language)).toBe(expected);
  });
});
