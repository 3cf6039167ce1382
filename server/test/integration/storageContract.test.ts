import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidKeyError, LocalDiskStorage, S3Storage } from '../../src/adapters/storage/index.js';
import { TooLargeError, type FileStorage } from '../../src/domain/ports/files.js';
import { stackEnv } from '../support/stackEnv.js';
import { drain, generatedStream } from '../support/streams.js';

// One contract, two implementations: a folder on local disk and the real
// S3-compatible server of the test stack (s3proxy).
const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'));
afterAll(() => fs.rmSync(localRoot, { recursive: true, force: true }));

const implementations: [string, () => FileStorage][] = [
  ['local disk', () => new LocalDiskStorage(localRoot)],
  [
    's3',
    () =>
      new S3Storage({
        endpoint: stackEnv('S3_ENDPOINT'),
        region: stackEnv('S3_REGION'),
        bucket: stackEnv('S3_BUCKET'),
        accessKeyId: stackEnv('S3_ACCESS_KEY_ID'),
        secretAccessKey: stackEnv('S3_SECRET_ACCESS_KEY'),
        forcePathStyle: true,
      }),
  ],
];

async function keys(storage: FileStorage, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of storage.list(prefix)) out.push(o.key);
  return out.sort();
}

describe.each(implementations)('file storage: %s', (_name, make) => {
  const storage = make();
  const prefix = `contract-${randomUUID()}`;
  const options = { maxBytes: 64 * 1024 * 1024, contentType: 'application/octet-stream' };

  it('stores a multi-megabyte stream and gives the same bytes back, with their size and SHA-256', async () => {
    const size = 12 * 1024 * 1024 + 3;
    const source = generatedStream(size, { seed: 7 });
    const stored = await storage.put(`${prefix}/big`, source.stream, options);
    expect(stored).toEqual({ key: `${prefix}/big`, size, sha256: source.sha256() });
    const got = await storage.get(`${prefix}/big`);
    expect(got?.size).toBe(size);
    expect(await drain(got!.stream)).toEqual({ size, sha256: stored.sha256 });
  });

  it('refuses content past the limit with TooLargeError and keeps nothing', async () => {
    const key = `${prefix}/too-large`;
    const source = generatedStream(9 * 1024 * 1024, { seed: 3 });
    await expect(storage.put(key, source.stream, { ...options, maxBytes: 9 * 1024 * 1024 - 1 })).rejects.toThrow(
      TooLargeError,
    );
    expect(await storage.get(key)).toBeUndefined();
    expect(await keys(storage, key)).toEqual([]);
  });

  it('keeps nothing when the stream fails midway', async () => {
    const key = `${prefix}/broken`;
    const source = generatedStream(20 * 1024 * 1024, { seed: 5, failAfter: 10 * 1024 * 1024 });
    await expect(storage.put(key, source.stream, options)).rejects.toThrow('the source broke off');
    expect(await storage.get(key)).toBeUndefined();
    expect(await keys(storage, key)).toEqual([]);
  });

  it('accepts exactly the limit', async () => {
    const stored = await storage.put(`${prefix}/exact`, generatedStream(1000).stream, { ...options, maxBytes: 1000 });
    expect(stored.size).toBe(1000);
  });

  it('deletes, and deleting again or deleting what never was is no error', async () => {
    const key = `${prefix}/to-delete`;
    await storage.put(key, generatedStream(10).stream, options);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
    await storage.delete(key);
    await storage.delete(`${prefix}/never-was`);
  });

  it('lists the keys below a prefix, with their age', async () => {
    for (const k of ['a/1', 'a/2', 'ab/3', 'b/4']) {
      await storage.put(`${prefix}/list/${k}`, generatedStream(5).stream, options);
    }
    expect(await keys(storage, `${prefix}/list/a/`)).toEqual([`${prefix}/list/a/1`, `${prefix}/list/a/2`]);
    expect(await keys(storage, `${prefix}/list/a`)).toEqual([
      `${prefix}/list/a/1`,
      `${prefix}/list/a/2`,
      `${prefix}/list/ab/3`,
    ]);
    for await (const o of storage.list(`${prefix}/list/b/`)) {
      expect(Math.abs(o.lastModified - Date.now())).toBeLessThan(5 * 60_000);
    }
  });

  it('gives nothing for a missing key', async () => {
    expect(await storage.get(`${prefix}/missing`)).toBeUndefined();
  });
});

describe('local disk storage keys', () => {
  const storage = new LocalDiskStorage(localRoot);
  it.each(['../outside', 'a/../../outside', '/etc/passwd', 'a//b', '.partial/x', 'a/./b', '', 'a\\..\\b'])(
    'refuses %j',
    async (key) => {
      await expect(
        storage.put(key, generatedStream(3).stream, { maxBytes: 10, contentType: 'text/plain' }),
      ).rejects.toThrow(InvalidKeyError);
      await expect(storage.get(key)).rejects.toThrow(InvalidKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidKeyError);
    },
  );

  it('leaves no partial files behind', async () => {
    const partial = path.join(localRoot, '.partial');
    expect(fs.existsSync(partial) ? fs.readdirSync(partial) : []).toEqual([]);
  });
});
