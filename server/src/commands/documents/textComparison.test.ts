import { describe, expect, it } from 'vitest';
import type { RichTextNode } from '../../domain/ports/collab.js';
import { compareTexts, textBlocks } from './textComparison.js';

const text = (t: string): RichTextNode => ({ type: 'text', text: t });
const p = (t: string): RichTextNode => ({ type: 'paragraph', content: [text(t)] });
const h = (level: number, t: string): RichTextNode => ({ type: 'heading', attrs: { level }, content: [text(t)] });
const list = (...items: string[]): RichTextNode => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [p(t)] })),
});
const doc = (...content: RichTextNode[]): RichTextNode => ({ type: 'doc', content });

describe('comparing two versions of a text document', () => {
  it('reads headings, paragraphs, list items and quotes as blocks, in order', () => {
    expect(
      textBlocks(
        doc(h(2, 'Tagesordnung'), p('Begrüßung'), list('Haushalt', 'Verschiedenes'), {
          type: 'blockquote',
          content: [p('Zitat')],
        }),
      ),
    ).toEqual([
      { kind: 'heading', level: 2, text: 'Tagesordnung' },
      { kind: 'paragraph', text: 'Begrüßung' },
      { kind: 'listItem', text: 'Haushalt' },
      { kind: 'listItem', text: 'Verschiedenes' },
      { kind: 'quote', text: 'Zitat' },
    ]);
  });

  it('faces equal blocks, marks the words changed inside a block, and blocks added or removed', () => {
    const rows = compareTexts(
      doc(h(1, 'Protokoll'), p('Der Ausschuss tagt am Montag.'), p('Punkt entfällt.'), list('Haushalt')),
      doc(h(1, 'Protokoll'), p('Der Ausschuss tagt am Dienstag.'), list('Haushalt', 'Straßenbau')),
    );
    expect(rows.map((r) => r.change)).toEqual(['same', 'changed', 'removed', 'same', 'added']);
    const changed = rows[1]!;
    expect(changed.before?.filter((s) => s.change === 'removed').map((s) => s.text)).toEqual(['Montag']);
    expect(changed.after?.filter((s) => s.change === 'added').map((s) => s.text)).toEqual(['Dienstag']);
    expect(changed.before?.map((s) => s.text).join('')).toBe('Der Ausschuss tagt am Montag.');
    expect(changed.after?.map((s) => s.text).join('')).toBe('Der Ausschuss tagt am Dienstag.');
    expect(rows[2]).toMatchObject({ before: [{ text: 'Punkt entfällt.', change: 'removed' }], after: null });
    expect(rows[4]).toMatchObject({ kind: 'listItem', before: null, after: [{ text: 'Straßenbau', change: 'added' }] });
  });

  it('finds nothing changed between equal documents, and everything in an emptied one', () => {
    const one = doc(p('A'), p('B'));
    expect(compareTexts(one, one).every((r) => r.change === 'same')).toBe(true);
    expect(compareTexts(one, doc()).map((r) => r.change)).toEqual(['removed', 'removed']);
  });
});
