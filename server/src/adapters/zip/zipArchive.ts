import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ArchiveFile, ArchiveWriter } from '../../domain/ports/archive.js';

/**
 * Zip archives with yazl: entries are added as they come and each file's stream is opened only when
 * the archive reaches it (`addReadStreamLazy`), so memory stays flat however large the files are.
 */
export class ZipArchiveWriter implements ArchiveWriter {
  write(files: AsyncIterable<ArchiveFile> | Iterable<ArchiveFile>): Readable {
    const zip = new ZipFile();
    const out = new PassThrough();
    const fail = (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error)));
    zip.on('error', fail);
    zip.outputStream.on('error', fail);
    zip.outputStream.pipe(out);
    void (async () => {
      try {
        for await (const file of files) {
          const options = file.modifiedAt === undefined ? {} : { mtime: new Date(file.modifiedAt) };
          zip.addReadStreamLazy(file.path, options, (done) => {
            file.open().then(
              (stream) => {
                // A file that breaks off half way breaks the archive: it must never look complete.
                stream.on('error', fail);
                done(null, stream);
              },
              (error: unknown) => done(error, undefined as unknown as Readable),
            );
          });
        }
        zip.end();
      } catch (error) {
        fail(error);
      }
    })();
    return out;
  }
}
