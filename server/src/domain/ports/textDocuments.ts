/**
 * The content of collaborative text documents, as HTML (headings, emphasis,
 * lists, quotes, code, links): what exports convert. The collaboration
 * server's stored state is its source.
 */
export interface TextDocumentSource {
  /** The document's current content as an HTML body (a fragment or a whole document). */
  html(entryId: string): Promise<string>;
}
