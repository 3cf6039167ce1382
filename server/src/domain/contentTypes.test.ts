import { describe, expect, it } from 'vitest';
import { binaryType, looksLikeText, storedContentType, textType } from './contentTypes.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('storedContentType', () => {
  it('keeps a recognised binary format, whatever was claimed', () => {
    expect(storedContentType('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBe('image/png');
    expect(storedContentType('application/pdf', text('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('never stores a type a browser would run', () => {
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const t of ['image/svg+xml', 'application/xml', 'text/html', 'application/xhtml+xml', 'text/javascript']) {
      expect(storedContentType(t, svg)).toBe(textType);
    }
    expect(storedContentType('application/rss+xml', text('<rss/>'))).toBe(textType);
  });

  it('stores unrecognised text as plain text and unrecognised bytes as opaque', () => {
    expect(storedContentType(undefined, text('<html><script>alert(1)</script></html>'))).toBe(textType);
    expect(storedContentType(undefined, text('Name;Ort\nÄmter;Köln\n'))).toBe(textType);
    expect(storedContentType(undefined, new Uint8Array([0x00, 0xff, 0x10]))).toBe(binaryType);
  });
});

describe('looksLikeText', () => {
  it('accepts UTF-8 even when the sample ends inside a character', () => {
    const bytes = text('Grüße');
    expect(looksLikeText(bytes.subarray(0, bytes.length - 1))).toBe(true);
  });

  it('refuses NUL bytes and invalid UTF-8', () => {
    expect(looksLikeText(new Uint8Array([0x41, 0x00, 0x42]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0x41, 0xc3, 0x28]))).toBe(false);
  });
});
