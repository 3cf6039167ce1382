import { describe, expect, it } from 'vitest';
import { parseMaxUploadMb } from './maxUpload';

describe('upload limit field', () => {
  it('reads empty as the default and whole megabytes as the limit', () => {
    expect(parseMaxUploadMb('')).toBeNull();
    expect(parseMaxUploadMb('  ')).toBeNull();
    expect(parseMaxUploadMb('25')).toBe(25);
    expect(parseMaxUploadMb(' 1 ')).toBe(1);
  });

  it('rejects zero, fractions, negative numbers and words', () => {
    for (const value of ['0', '1.5', '-3', 'zehn', '2e3', '1000001']) expect(parseMaxUploadMb(value)).toBe('invalid');
  });

  it('rejects more than the installation’s limit', () => {
    expect(parseMaxUploadMb('1024', 1024)).toBe(1024);
    expect(parseMaxUploadMb('1025', 1024)).toBe('invalid');
  });
});
