import { createHash } from 'node:crypto';
import type { RichTextNode } from './ports/collab.js';

/** The stored form of a text document's version: its whole Yjs state, as one update. */
export const textVersionContentType = 'application/vnd.arbeitsbereich.yjs';

/** A node's JSON with object keys sorted, so equal content always gives equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * SHA-256 (hex) of a text document's content as a reader sees it (the
 * rendered ProseMirror JSON), not of its Yjs bytes: two states that say the
 * same thing — one typed and deleted again in between — hash alike.
 */
export function textContentHash(doc: RichTextNode): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(doc)))
    .digest('hex');
}
