import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStorage, StoredObject } from '../../domain/ports/files.js';
import { Meter } from './meter.js';

export interface S3StorageOptions {
  /** Unset: AWS itself; set for any S3-compatible server (MinIO, Ceph, s3proxy, …). */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path rather than the host name, as most S3-compatible servers want. */
  forcePathStyle: boolean;
}

const partSize = 8 * 1024 * 1024;

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey ||
  (error instanceof S3ServiceException && (error.name === 'NotFound' || error.$metadata.httpStatusCode === 404));

/**
 * Files in an S3 bucket. Writes stream as a multipart upload of at most two
 * parts in memory; an upload that fails or passes the limit is aborted, so
 * S3 keeps no object and no orphaned parts.
 */
export class S3Storage implements FileStorage {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: S3StorageOptions) {
    this.#bucket = options.bucket;
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible servers know no CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, content: Readable, options: { maxBytes: number; contentType: string }): Promise<StoredObject> {
    const meter = new Meter(options.maxBytes);
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: key, Body: meter, ContentType: options.contentType },
      partSize,
      queueSize: 1,
      leavePartsOnError: false,
    });
    // The stream's own failure (limit, broken connection) is the one to report, not the upload's echo of it.
    let streamError: unknown;
    const flowing = pipeline(content, meter).catch((error: unknown) => {
      streamError = error;
      throw error;
    });
    try {
      await Promise.all([flowing, upload.done()]);
    } catch (error) {
      content.destroy();
      meter.destroy();
      await upload.abort().catch(() => undefined);
      await flowing.catch(() => undefined);
      throw streamError ?? error;
    }
    return { key, size: meter.bytes, sha256: meter.digest() };
  }

  async get(key: string): Promise<{ stream: Readable; size: number } | undefined> {
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error('S3 returned no readable body');
      return { stream: out.Body, size: out.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<{ key: string; lastModified: number }> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        // Keys ending in "/" are folder markers some servers list (s3proxy's filesystem backend); ours never do.
        if (o.Key !== undefined && !o.Key.endsWith('/'))
          yield { key: o.Key, lastModified: o.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }
}
