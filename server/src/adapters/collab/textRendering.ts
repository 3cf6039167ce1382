import { getSchema } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { Node } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { RichTextNode, TextDocumentRenderer } from '../../domain/ports/collab.js';

/** The editor's schema: TipTap's StarterKit with its defaults, as the client's editor uses it. */
const schema = getSchema([StarterKit]);

/** The Yjs fragment TipTap's Collaboration extension edits (its default name). */
export const textFragmentName = 'default';

/** A stored editing state (a Yjs update) as ProseMirror JSON of the StarterKit schema. */
export function yjsStateToProseMirrorJson(state: Uint8Array | null): RichTextNode {
  const doc = new Y.Doc();
  try {
    if (state !== null && state.byteLength > 0) Y.applyUpdate(doc, state);
    // Elements the schema does not know are left out (y-tiptap drops them from this throwaway copy).
    return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(textFragmentName), schema).toJSON() as RichTextNode;
  } finally {
    doc.destroy();
  }
}

/**
 * Makes `target`'s text the content of `state` (another document's Yjs
 * state), in one transaction of `target`. Read through the StarterKit schema
 * and written with y-tiptap's diff (what the editor itself does for every
 * change), so the edit reaches open editors as an ordinary update and their
 * cursors outside the changed parts stay where they were.
 */
export function replaceTextContent(target: Y.Doc, state: Uint8Array): void {
  const content = Node.fromJSON(schema, yjsStateToProseMirrorJson(state));
  target.transact(() => {
    prosemirrorToYXmlFragment(content, target.getXmlFragment(textFragmentName));
  });
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Only links a reader can follow safely survive an export; `javascript:` and the like are dropped.
const safeHref = (href: unknown): string | null =>
  typeof href === 'string' && /^(https?:|mailto:|tel:|#|\/(?!\/))/i.test(href.trim()) ? href.trim() : null;

const attr = (name: string, value: string): string => ` ${name}="${escapeHtml(value)}"`;

type Mark = NonNullable<RichTextNode['marks']>[number];

function markTags(mark: Mark): [string, string] {
  switch (mark.type) {
    case 'bold':
      return ['<strong>', '</strong>'];
    case 'italic':
      return ['<em>', '</em>'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'strike':
      return ['<s>', '</s>'];
    case 'code':
      return ['<code>', '</code>'];
    case 'link': {
      const href = safeHref(mark.attrs?.href);
      return href === null ? ['', ''] : [`<a${attr('href', href)} rel="noopener noreferrer nofollow">`, '</a>'];
    }
    default:
      return ['', ''];
  }
}

function textHtml(node: RichTextNode): string {
  let html = escapeHtml(node.text ?? '');
  // The first mark is the outermost, as ProseMirror orders them.
  for (const mark of [...(node.marks ?? [])].reverse()) {
    const [open, close] = markTags(mark);
    html = `${open}${html}${close}`;
  }
  return html;
}

function nodeHtml(node: RichTextNode): string {
  const inner = (): string => (node.content ?? []).map(nodeHtml).join('');
  const a = node.attrs ?? {};
  switch (node.type) {
    case 'text':
      return textHtml(node);
    case 'doc':
      return inner();
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(a.level) || 1));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList': {
      const start = Number(a.start);
      const type = typeof a.type === 'string' && /^[1aAiI]$/.test(a.type) ? attr('type', a.type) : '';
      return `<ol${Number.isInteger(start) && start !== 1 ? attr('start', String(start)) : ''}${type}>${inner()}</ol>`;
    }
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'codeBlock': {
      const language =
        typeof a.language === 'string' && /^[\w+#-]{1,40}$/.test(a.language)
          ? attr('class', `language-${a.language}`)
          : '';
      return `<pre><code${language}>${(node.content ?? []).map((t) => escapeHtml(t.text ?? '')).join('')}</code></pre>`;
    }
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    default:
      // A node this serializer does not know keeps its text.
      return inner();
  }
}

/**
 * ProseMirror JSON of TipTap's StarterKit as HTML, without a DOM: every text
 * and attribute escaped, unknown nodes reduced to their content, unsafe links
 * dropped. Meant for exports (LibreOffice reads it) and previews.
 */
export function proseMirrorJsonToHtml(doc: RichTextNode): string {
  return nodeHtml(doc);
}

/** The renderer port over the two functions above. */
export const starterKitRenderer: TextDocumentRenderer = {
  toJson: yjsStateToProseMirrorJson,
  toHtml: (state) => proseMirrorJsonToHtml(yjsStateToProseMirrorJson(state)),
};
