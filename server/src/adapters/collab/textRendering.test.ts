import { getSchema } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RichTextNode } from '../../domain/ports/collab.js';
import {
  proseMirrorJsonToHtml,
  replaceTextContent,
  starterKitRenderer,
  textFragmentName,
  yjsStateToProseMirrorJson,
} from './index.js';

/** A document as the editor stores it: ProseMirror JSON written into the Yjs fragment TipTap edits. */
function stateOf(doc: RichTextNode): Uint8Array {
  const ydoc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(getSchema([StarterKit]), doc, ydoc.getXmlFragment(textFragmentName));
  return Y.encodeStateAsUpdate(ydoc);
}

const text = (t: string, ...marks: RichTextNode['marks'] & object): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: t, marks } : { type: 'text', text: t };

const sample: RichTextNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Protokoll <Sitzung> & "Ergebnisse"')] },
    {
      type: 'paragraph',
      content: [
        text('Fett', { type: 'bold' }),
        text(' und '),
        text('kursiv unterstrichen', { type: 'italic' }, { type: 'underline' }),
        { type: 'hardBreak' },
        text('Link', { type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }),
        text(' Falle', { type: 'link', attrs: { href: 'javascript:alert(1)' } }),
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [text('drei')] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [text('vier', { type: 'strike' })] }] },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Punkt')] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [text('Zitat')] }] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1 < 2;')] },
    { type: 'horizontalRule' },
    { type: 'paragraph', content: [text('x', { type: 'code' })] },
  ],
};

describe('text documents: the editing state as a document', () => {
  it('reads a stored Yjs state back as the ProseMirror JSON that was written', () => {
    const json = yjsStateToProseMirrorJson(stateOf(sample));
    expect(json.type).toBe('doc');
    expect(json.content?.map((n) => n.type)).toEqual([
      'heading',
      'paragraph',
      'orderedList',
      'bulletList',
      'blockquote',
      'codeBlock',
      'horizontalRule',
      'paragraph',
    ]);
    expect(json.content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Protokoll <Sitzung> & "Ergebnisse"' }],
    });
    expect(json.content?.[1]?.content?.[2]?.marks?.map((m) => m.type)).toEqual(['italic', 'underline']);
  });

  it('writes HTML with every text escaped and unsafe links dropped', () => {
    expect(starterKitRenderer.toHtml(stateOf(sample))).toBe(
      '<h2>Protokoll &lt;Sitzung&gt; &amp; &quot;Ergebnisse&quot;</h2>' +
        '<p><strong>Fett</strong> und <em><u>kursiv unterstrichen</u></em><br>' +
        '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">Link</a> Falle</p>' +
        '<ol start="3"><li><p>drei</p></li><li><p><s>vier</s></p></li></ol>' +
        '<ul><li><p>Punkt</p></li></ul>' +
        '<blockquote><p>Zitat</p></blockquote>' +
        '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>' +
        '<hr>' +
        '<p><code>x</code></p>',
    );
  });

  it('reads no state, and an empty one, as an empty document', () => {
    expect(starterKitRenderer.toJson(null)).toMatchObject({ type: 'doc' });
    expect(starterKitRenderer.toHtml(null)).toBe('');
    expect(starterKitRenderer.toHtml(Y.encodeStateAsUpdate(new Y.Doc()))).toBe('');
  });

  it('keeps the text of nodes it does not know, and escapes attributes', () => {
    const html = proseMirrorJsonToHtml({
      type: 'doc',
      content: [
        { type: 'mystery', content: [{ type: 'paragraph', content: [text('bleibt')] }] },
        { type: 'codeBlock', attrs: { language: '"><script>' }, content: [text('x')] },
        { type: 'heading', attrs: { level: 9 }, content: [text('h')] },
      ],
    });
    expect(html).toBe('<p>bleibt</p><pre><code>x</code></pre><h6>h</h6>');
  });
});

describe('replaceTextContent', () => {
  const para = (t: string): RichTextNode => ({ type: 'paragraph', content: [text(t)] });

  it('makes a live document say what another state says, as one update a second copy can apply', () => {
    const live = new Y.Doc();
    Y.applyUpdate(live, stateOf({ type: 'doc', content: [para('Alt'), para('Bleibt'), para('Weg')] }));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));

    replaceTextContent(live, stateOf(sample));

    expect(updates).toHaveLength(1);
    Y.applyUpdate(copy, updates[0]!);
    expect(yjsStateToProseMirrorJson(Y.encodeStateAsUpdate(live))).toEqual(yjsStateToProseMirrorJson(stateOf(sample)));
    expect(starterKitRenderer.toHtml(Y.encodeStateAsUpdate(copy))).toBe(starterKitRenderer.toHtml(stateOf(sample)));
  });

  it('empties a document when the state is empty', () => {
    const live = new Y.Doc();
    Y.applyUpdate(live, stateOf({ type: 'doc', content: [para('Etwas')] }));
    replaceTextContent(live, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(starterKitRenderer.toHtml(Y.encodeStateAsUpdate(live))).toBe(starterKitRenderer.toHtml(null));
  });
});
