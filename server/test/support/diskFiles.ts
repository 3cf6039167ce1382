import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TooLargeError, type FileStorage, type StoredObject } from '../../src/domain/ports/files.js';

/**
 * The FileStorage port on a local folder, for tests of the code that uses it
 * (previews, WOPI). Real files, written whole or not at all.
 */
export class DiskFiles implements FileStorage {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, ...key.split('/'));
  }

  async put(key: string, content: Readable, options: { maxBytes: number; contentType: string }): Promise<StoredObject> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > options.maxBytes) return done(new TooLargeError(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, count, createWriteStream(partial));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await rename(partial, target);
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | undefined> {
    const s = await stat(this.file(key)).catch(() => undefined);
    return s ? { stream: createReadStream(this.file(key)), size: s.size } : undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; lastModified: number }> {
    const all = (await readdir(this.dir, { recursive: true })).map((p) => p.split(path.sep).join('/'));
    for (const key of all.filter((k) => k.startsWith(prefix))) {
      const s = await stat(this.file(key));
      if (s.isFile()) yield { key, lastModified: s.mtimeMs };
    }
  }
}
