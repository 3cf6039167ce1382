import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './contentDisposition.js';

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Übersicht März.pdf')).toBe(
      `attachment; filename="Ubersicht Marz.pdf"; filename*=UTF-8''%C3%9Cbersicht%20M%C3%A4rz.pdf`,
    );
  });

  it('keeps quotes, backslashes and apostrophes from breaking the header', () => {
    const header = attachmentDisposition(`a"b\\c'(d)*.txt`);
    expect(header).toBe(`attachment; filename="a_b_c'(d)*.txt"; filename*=UTF-8''a%22b%5Cc%27%28d%29%2A.txt`);
  });

  it('never lets line breaks or other control characters into the header', () => {
    expect(attachmentDisposition('x\r\nSet-Cookie: y')).not.toMatch(/[\r\n]/);
  });
});
