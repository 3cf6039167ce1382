import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files worth compressing: text and WebAssembly. Images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|webmanifest|wasm|txt|map)$/;
/** Below this, the encoding header costs about as much as it saves. */
const minBytes = 1024;
/**
 * Brotli's strongest setting takes about a minute for the chat's 7.8 MB crypto WebAssembly and
 * saves 12 % over quality 9 there; larger files get quality 9 with a large window (seconds).
 */
const strongestUpTo = 2 * 1024 * 1024;

function brotliParams(size: number): Record<number, number> {
  const strongest = size <= strongestUpTo;
  return {
    [constants.BROTLI_PARAM_QUALITY]: strongest ? constants.BROTLI_MAX_QUALITY : 9,
    [constants.BROTLI_PARAM_LGWIN]: strongest ? constants.BROTLI_DEFAULT_WINDOW : constants.BROTLI_MAX_WINDOW_BITS,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(file) : Promise.resolve([file]);
    }),
  );
  return nested.flat();
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) sibling next to each compressible file of the
 * build, with strong settings: compressing once at build time costs seconds, and the
 * server then sends the smaller file to every browser that accepts it (server/src/http/clientApp.ts).
 * A sibling is kept only when it is smaller than the file.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'arbeitsbereich:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = (await filesUnder(outDir)).filter((file) => compressible.test(file));
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < minBytes) return;
          const plain = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(plain, { params: brotliParams(plain.length) }),
            gzipAsync(plain, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < plain.length) await writeFile(`${file}.br`, br);
          if (gz.length < plain.length) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}
