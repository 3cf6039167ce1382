import type { Readable } from 'node:stream';

/** What a finished write stored. */
export interface StoredObject {
  key: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/**
 * Where the bytes of files live: a folder on local disk in the embedded
 * default, an S3-compatible bucket in production. Content is streamed both
 * ways, never held whole in memory.
 */
export interface FileStorage {
  /**
   * Streams `content` into `key`. The object appears only once all of it has
   * arrived: if the stream fails, is aborted or passes `maxBytes`, nothing is
   * left behind and the promise rejects (with `TooLargeError` for the limit).
   */
  put(key: string, content: Readable, options: { maxBytes: number; contentType: string }): Promise<StoredObject>;
  /** The object's bytes, or undefined if there is no such object. */
  get(key: string): Promise<{ stream: Readable; size: number } | undefined>;
  /** Removes the object; a missing object is not an error (safe to repeat). */
  delete(key: string): Promise<void>;
  /** Keys below a prefix, for finding objects no version refers to. */
  list(prefix: string): AsyncIterable<{ key: string; lastModified: number }>;
}

/** The content was longer than the limit; nothing was stored. */
export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
    this.name = 'TooLargeError';
  }
}
