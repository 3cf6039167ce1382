import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../test/support/zipReader.js';
import { ZipArchiveWriter } from './zipArchive.js';

describe('ZipArchiveWriter', () => {
  it('writes each file byte for byte, opening it only when the archive reaches it', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const opened: string[] = [];
    async function* files() {
      yield { path: 'README.md', open: () => Promise.resolve(Readable.from([Buffer.from('# Hallo\n')])) };
      yield {
        path: 'documents/Bericht ä.bin',
        open: () => {
          opened.push('big');
          return Promise.resolve(Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
        },
      };
    }
    const stream = new ZipArchiveWriter().write(files());
    expect(opened).toEqual([]);
    const entries = await readZip(await buffer(stream));
    expect([...entries.keys()]).toEqual(['README.md', 'documents/Bericht ä.bin']);
    expect(entries.get('README.md')?.toString()).toBe('# Hallo\n');
    expect(entries.get('documents/Bericht ä.bin')?.equals(big)).toBe(true);
  });

  it('fails the stream when a file cannot be opened', async () => {
    const stream = new ZipArchiveWriter().write([
      { path: 'a.txt', open: () => Promise.reject(new Error('storage is gone')) },
    ]);
    await expect(buffer(stream)).rejects.toThrow('storage is gone');
  });
});
