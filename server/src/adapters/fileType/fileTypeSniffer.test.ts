import { describe, expect, it } from 'vitest';
import { fileTypeSniffer } from './fileTypeSniffer.js';

// A 1×1 PNG.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('fileTypeSniffer', () => {
  it('recognises formats by their magic numbers', async () => {
    expect(await fileTypeSniffer.detect(png)).toBe('image/png');
    expect(await fileTypeSniffer.detect(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
  });

  it('recognises nothing in plain text, HTML included', async () => {
    expect(await fileTypeSniffer.detect(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    expect(await fileTypeSniffer.detect(Buffer.from('Hallo Welt'))).toBeUndefined();
  });
});
