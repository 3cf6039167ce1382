import type { Readable } from 'node:stream';

/** One file of an archive: its bytes are opened only when the archive reaches it. */
export interface ArchiveFile {
  /** The path inside the archive, with forward slashes. */
  path: string;
  open: () => Promise<Readable>;
  /** When the file was made (epoch ms); the archive's time when absent. */
  modifiedAt?: number;
}

/**
 * Writes archives (zip) as a stream: each file is read while the archive is written, so an archive
 * of many large files never sits whole in memory.
 */
export interface ArchiveWriter {
  /** The archive of these files, in this order. A file that cannot be opened fails the stream. */
  write(files: AsyncIterable<ArchiveFile> | Iterable<ArchiveFile>): Readable;
}
