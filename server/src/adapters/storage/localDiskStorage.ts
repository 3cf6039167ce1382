import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStorage, StoredObject } from '../../domain/ports/files.js';
import { Meter } from './meter.js';

/** Where unfinished writes wait: inside the root, so the final rename stays on one filesystem. */
const partialDir = '.partial';
const keySegment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class InvalidKeyError extends Error {
  constructor(key: string) {
    super(`Storage key ${JSON.stringify(key)} is not allowed`);
    this.name = 'InvalidKeyError';
  }
}

/**
 * Files in a folder on local disk (the embedded default). A write goes to a
 * temporary file, is flushed to disk and renamed into place only after all of
 * it arrived within the limit, so a key never shows a partial file.
 */
export class LocalDiskStorage implements FileStorage {
  readonly #root: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  /** The file of a key; keys are slash-separated plain segments and can never leave the root. */
  pathOf(key: string): string {
    const segments = key.split('/');
    if (!segments.every((s) => keySegment.test(s) && s !== partialDir)) throw new InvalidKeyError(key);
    const file = path.resolve(this.#root, ...segments);
    if (!file.startsWith(`${this.#root}${path.sep}`)) throw new InvalidKeyError(key);
    return file;
  }

  async put(key: string, content: Readable, options: { maxBytes: number; contentType: string }): Promise<StoredObject> {
    const target = this.pathOf(key);
    const partial = path.join(this.#root, partialDir, `${randomUUID()}.part`);
    await mkdir(path.dirname(partial), { recursive: true });
    const meter = new Meter(options.maxBytes);
    try {
      // `flush`: the bytes are on disk (fsync) before the file is closed and renamed into place.
      await pipeline(content, meter, createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(partial, target);
    } catch (error) {
      content.destroy();
      await rm(partial, { force: true });
      throw error;
    }
    return { key, size: meter.bytes, sha256: meter.digest() };
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | undefined> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      return { stream: createReadStream(file), size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; lastModified: number }> {
    const walk = async function* (dir: string, keyPrefix: string): AsyncGenerator<{ key: string; file: string }> {
      let names: string[];
      try {
        names = (await readdir(dir)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const name of names) {
        if (keyPrefix === '' && name === partialDir) continue;
        const file = path.join(dir, name);
        const key = `${keyPrefix}${name}`;
        // Only descend where keys below could still start with the prefix.
        if (!(prefix.startsWith(key) || key.startsWith(prefix))) continue;
        if ((await stat(file)).isDirectory()) yield* walk(file, `${key}/`);
        else if (key.startsWith(prefix)) yield { key, file };
      }
    };
    for await (const { key, file } of walk(this.#root, '')) {
      yield { key, lastModified: (await stat(file)).mtimeMs };
    }
  }
}
