import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { TooLargeError } from '../../domain/ports/files.js';

/**
 * Passes bytes through while counting them and hashing them (SHA-256). The
 * chunk that would pass `maxBytes` is not passed on: the stream fails with
 * TooLargeError instead, so a store behind it never completes.
 */
export class Meter extends Transform {
  #size = 0;
  readonly #hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.maxBytes) {
      done(new TooLargeError(this.maxBytes));
      return;
    }
    this.#hash.update(chunk);
    done(null, chunk);
  }

  /** Bytes passed so far. (Not `size`: the S3 upload would take that for the length of the whole body.) */
  get bytes(): number {
    return this.#size;
  }

  /** Hex SHA-256 of everything passed; call once, after the end. */
  digest(): string {
    return this.#hash.digest('hex');
  }
}
