/**
 * The shared editing state of collaborative text documents. The state is
 * opaque here (a Yjs update that holds the whole document); only the
 * collaboration server and the renderer read inside it.
 */
export interface CollabDocuments {
  /** The stored state of a text entry, or null before anyone edited it. */
  load(entryId: string): Promise<Uint8Array | null>;
  store(entryId: string, state: Uint8Array, now: number): Promise<void>;
}

/** A node of a rich text as ProseMirror's JSON describes it (TipTap StarterKit's node and mark names). */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** Reads a stored editing state as a document: for exports, previews and versions. */
export interface TextDocumentRenderer {
  /** The document's root node (`type: 'doc'`), empty for an empty state. */
  toJson(state: Uint8Array | null): RichTextNode;
  /** The document as an HTML fragment (no <html>/<body>), every text escaped. */
  toHtml(state: Uint8Array | null): string;
}

/**
 * The text documents as the collaboration server holds them right now: an
 * open document's live state (edits not yet stored included), else the
 * stored one. Versions are taken from here and restored through here, so
 * every open editor sees a restored text at once.
 */
export interface LiveTextDocuments {
  /** The whole state as one Yjs update (an empty document's when nobody has written yet). */
  snapshot(entryId: string): Promise<Uint8Array>;
  /** Replaces the document's content with the content of `state`, live and stored. */
  replace(entryId: string, state: Uint8Array): Promise<void>;
}
