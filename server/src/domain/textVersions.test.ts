import { describe, expect, it } from 'vitest';
import { textContentHash } from './textVersions.js';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('textContentHash', () => {
  it('is the same for the same content, whatever the order of keys', () => {
    const a = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: null }, content: [] }] };
    const b = { content: [{ content: [], attrs: { id: null, level: 2 }, type: 'heading' }], type: 'doc' };
    expect(textContentHash(a)).toBe(textContentHash(b));
    expect(textContentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when a text, a mark or an attribute differs', () => {
    const base = textContentHash({ type: 'doc', content: [paragraph('Hallo')] });
    expect(textContentHash({ type: 'doc', content: [paragraph('Hallo!')] })).not.toBe(base);
    expect(
      textContentHash({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hallo', marks: [{ type: 'bold' }] }] }],
      }),
    ).not.toBe(base);
    expect(textContentHash({ type: 'doc', content: [{ ...paragraph('Hallo'), attrs: { x: 1 } }] })).not.toBe(base);
  });
});
