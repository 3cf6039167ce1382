import { diffArrays, diffWordsWithSpace } from 'diff';
import type { RichTextNode } from '../../domain/ports/collab.js';

/**
 * Two versions of a text document side by side (issue: version compare): the documents as a
 * reader sees them, block by block (headings, paragraphs, list items, quotes, code), aligned so
 * that unchanged blocks face each other; a changed block shows the words taken out and put in.
 */
export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'quote' | 'code';

export interface TextBlock {
  kind: BlockKind;
  /** A heading's level (1–6). */
  level?: number;
  text: string;
}

/** A run of words: in both versions, only in the newer one (added), or only in the older (removed). */
export interface Segment {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface ComparedBlock {
  change: 'same' | 'changed' | 'added' | 'removed';
  kind: BlockKind;
  level?: number;
  /** The block in the older version (null: only in the newer). */
  before: Segment[] | null;
  /** The block in the newer version (null: only in the older). */
  after: Segment[] | null;
}

function textOf(node: RichTextNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/** The document's readable blocks, in order. */
export function textBlocks(doc: RichTextNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: RichTextNode, inside: BlockKind | null): void => {
    switch (node.type) {
      case 'heading': {
        const level = Number(node.attrs?.level ?? 1);
        blocks.push({ kind: 'heading', level: Number.isInteger(level) ? level : 1, text: textOf(node) });
        return;
      }
      case 'paragraph':
        blocks.push({ kind: inside ?? 'paragraph', text: textOf(node) });
        return;
      case 'codeBlock':
        blocks.push({ kind: 'code', text: textOf(node) });
        return;
      case 'listItem':
      case 'taskItem':
        for (const child of node.content ?? []) walk(child, 'listItem');
        return;
      case 'blockquote':
        for (const child of node.content ?? []) walk(child, 'quote');
        return;
      default:
        for (const child of node.content ?? []) walk(child, inside);
    }
  };
  walk(doc, null);
  return blocks.filter((b) => b.text.trim() !== '' || b.kind === 'code');
}

const keyOf = (b: TextBlock): string => `${b.kind}:${b.level ?? ''}:${b.text}`;
const whole = (text: string, change: Segment['change']): Segment[] => [{ text, change }];
const shape = (b: TextBlock) => ({ kind: b.kind, ...(b.level === undefined ? {} : { level: b.level }) });

/** The words of one block that changed, older on the left, newer on the right. */
function changedBlock(before: TextBlock, after: TextBlock): ComparedBlock {
  const parts = diffWordsWithSpace(before.text, after.text);
  return {
    change: 'changed',
    ...shape(after),
    before: parts.filter((p) => !p.added).map((p) => ({ text: p.value, change: p.removed ? 'removed' : 'same' })),
    after: parts.filter((p) => !p.removed).map((p) => ({ text: p.value, change: p.added ? 'added' : 'same' })),
  };
}

/**
 * Aligns the blocks of two versions: equal blocks face each other; where blocks were taken out
 * and others put in at the same place, they are paired as changed blocks, the rest stand alone.
 */
export function compareTexts(before: RichTextNode, after: RichTextNode): ComparedBlock[] {
  const older = textBlocks(before);
  const newer = textBlocks(after);
  const runs = diffArrays(older.map(keyOf), newer.map(keyOf));
  const rows: ComparedBlock[] = [];
  let i = 0;
  let j = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!run.added && !run.removed) {
      for (let k = 0; k < run.count; k++, i++, j++) {
        const block = older[i]!;
        rows.push({
          change: 'same',
          ...shape(block),
          before: whole(block.text, 'same'),
          after: whole(block.text, 'same'),
        });
      }
      continue;
    }
    if (run.removed) {
      const next = runs[r + 1];
      const added = next?.added ? next.count : 0;
      const paired = Math.min(run.count, added);
      for (let k = 0; k < paired; k++) rows.push(changedBlock(older[i + k]!, newer[j + k]!));
      for (let k = paired; k < run.count; k++) {
        const block = older[i + k]!;
        rows.push({ change: 'removed', ...shape(block), before: whole(block.text, 'removed'), after: null });
      }
      for (let k = paired; k < added; k++) {
        const block = newer[j + k]!;
        rows.push({ change: 'added', ...shape(block), before: null, after: whole(block.text, 'added') });
      }
      i += run.count;
      j += added;
      if (added > 0) r++;
      continue;
    }
    for (let k = 0; k < run.count; k++, j++) {
      const block = newer[j]!;
      rows.push({ change: 'added', ...shape(block), before: null, after: whole(block.text, 'added') });
    }
  }
  return rows;
}
