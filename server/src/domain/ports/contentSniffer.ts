/** Recognises a file's format from its first bytes (magic numbers), whatever its name or claimed type. */
export interface ContentSniffer {
  /** The detected media type, or undefined when the bytes match no known binary format. */
  detect(head: Uint8Array): Promise<string | undefined>;
}
