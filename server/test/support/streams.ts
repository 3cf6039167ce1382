import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A stream of `size` pseudo-random bytes made on the fly (never held whole),
 * optionally failing after `failAfter` bytes, and the SHA-256 it will have.
 */
export function generatedStream(
  size: number,
  options: { seed?: number; chunk?: number; failAfter?: number } = {},
): { stream: Readable; sha256: () => string } {
  const chunkSize = options.chunk ?? 64 * 1024;
  const hash = createHash('sha256');
  let state = options.seed ?? 1;
  let sent = 0;
  const stream = new Readable({
    read() {
      if (options.failAfter !== undefined && sent >= options.failAfter) {
        this.destroy(new Error('the source broke off'));
        return;
      }
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(chunkSize, size - sent);
      const words = Buffer.allocUnsafe(Math.ceil(n / 4) * 4);
      for (let i = 0; i < words.length; i += 4) {
        // xorshift32: cheap, deterministic, not compressible.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        words.writeUInt32LE(state >>> 0, i);
      }
      const chunk = words.subarray(0, n);
      hash.update(chunk);
      sent += n;
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

export async function drain(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}
