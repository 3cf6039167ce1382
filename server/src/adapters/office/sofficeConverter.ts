import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import {
  ConversionFailedError,
  ConversionTimeoutError,
  type ConversionFormat,
  type ConversionInput,
  type ConvertedDocument,
  type DocumentConverter,
} from '../../domain/ports/conversion.js';
import { ConversionQueue } from './conversionQueue.js';
import { prepareProfile } from './profileSettings.js';
import { ConversionSandbox, findProgram, type SandboxOptions } from './sandbox.js';

export interface SofficeConverterOptions {
  /** The `soffice` program (Debian: /usr/bin/soffice from libreoffice-writer-nogui). */
  sofficePath: string;
  /** A conversion running longer is killed, with every process it started. */
  timeoutMs: number;
  /** Conversions at once (each is a LibreOffice process of a few hundred MB). */
  concurrency: number;
  /** Conversions that may wait for a free slot; more are refused (busy). */
  maxWaiting?: number;
  /** Where profiles and work folders are made; default the system's temp folder. */
  tempDir?: string;
  /** How each run is confined (ADR 0018); default: bubblewrap, 2048 MB of address space. */
  sandbox?: SandboxOptions;
}

/** `--convert-to` arguments: the extension LibreOffice gives the output and its export filter. */
const exports: Record<ConversionFormat, { ext: string; filter: string }> = {
  // "pdf" lets LibreOffice choose the PDF export of the document's kind (text, spreadsheet, presentation).
  pdf: { ext: 'pdf', filter: 'pdf' },
  odt: { ext: 'odt', filter: 'odt:writer8' },
  docx: { ext: 'docx', filter: 'docx:MS Word 2007 XML' },
  txt: { ext: 'txt', filter: 'txt:Text (encoded):UTF8' },
};

/** HTML opens in Writer (not Writer/Web), so every Writer export filter applies to it. */
const importFilters: Record<string, string> = { html: 'HTML (StarWriter)', htm: 'HTML (StarWriter)' };

const extensionOf = (fileName: string): string => {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
};

const STDERR_LIMIT = 2000;

/**
 * Converts documents with LibreOffice run headless as a child process
 * (`soffice --convert-to`). Each run is sandboxed (bubblewrap: no network,
 * a read-only system, only its own input, output and profile; an environment
 * of PATH and HOME; a memory limit). Each slot of the queue has its own
 * throwaway profile, so parallel runs never hand their work to one another,
 * and a profile left broken by a killed run is replaced before the next; a
 * profile never updates links nor loads linked content. The child runs in its
 * own process group: the time limit kills soffice and everything it started.
 * Work folders are removed whatever happens.
 */
export class SofficeConverter implements DocumentConverter {
  private readonly queue: ConversionQueue;
  private readonly sandbox: ConversionSandbox;
  /** Holds this converter's profiles and work folders. */
  readonly root: string;

  constructor(private readonly options: SofficeConverterOptions) {
    this.queue = new ConversionQueue(Math.max(1, options.concurrency), options.maxWaiting ?? 16);
    this.sandbox = new ConversionSandbox(options.sandbox ?? { mode: 'bwrap', memoryLimitMb: 2048 });
    this.root = mkdtempSync(path.join(options.tempDir ?? tmpdir(), 'arbeitsbereich-office-'));
  }

  /** Fails when conversions cannot be confined as configured here (checked at start). */
  checkSandbox(): Promise<void> {
    return this.sandbox.check();
  }

  async convert<T>(
    input: ConversionInput,
    to: ConversionFormat,
    consume: (output: ConvertedDocument) => Promise<T>,
  ): Promise<T> {
    const work = await mkdtemp(path.join(this.root, 'job-'));
    try {
      const ext = extensionOf(input.fileName);
      const source = path.join(work, `document.${ext}`);
      if (input.content instanceof Uint8Array) await writeFile(source, input.content);
      else await pipeline(input.content, createWriteStream(source));
      const outDir = path.join(work, 'out');
      await mkdir(outDir);
      await this.queue.run((slot) => this.runSoffice(slot, source, outDir, to, importFilters[ext]));
      const output = path.join(outDir, `document.${exports[to].ext}`);
      const size = await stat(output).then(
        (s) => s.size,
        () => -1,
      );
      if (size <= 0) throw new ConversionFailedError(`LibreOffice made no ${to.toUpperCase()} of "${input.fileName}"`);
      return await consume({ stream: createReadStream(output), size });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Removes every profile and work folder (at shutdown). */
  async close(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private profileDir(slot: number): string {
    return path.join(this.root, `profile-${slot}`);
  }

  private async runSoffice(
    slot: number,
    source: string,
    outDir: string,
    to: ConversionFormat,
    importFilter: string | undefined,
  ): Promise<void> {
    const profile = this.profileDir(slot);
    await prepareProfile(profile);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--invisible',
      '--nodefault',
      '--nolockcheck',
      '--nologo',
      '--norestore',
      ...(importFilter ? [`--infilter=${importFilter}`] : []),
      '--convert-to',
      exports[to].filter,
      '--outdir',
      outDir,
      source,
    ];
    // The sandbox sees the program at the path the backend finds it on its own PATH.
    const program = findProgram(this.options.sofficePath, process.env.PATH) ?? this.options.sofficePath;
    const run = this.sandbox.command(
      program,
      args,
      { readOnly: [source], writable: [outDir, profile] },
      path.dirname(outDir),
    );
    return new Promise<void>((resolve, reject) => {
      // Its own process group (detached), so a kill reaches soffice.bin behind the launcher script too.
      const child = spawn(run.command, run.args, {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: run.env,
      });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, this.options.timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new ConversionFailedError(
            `LibreOffice could not be started (${run.command} for ${this.options.sofficePath}): ${error.message}`,
          ),
        );
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        // Whatever the group left behind goes with it.
        killGroup(child.pid);
        if (timedOut || code !== 0) {
          // A killed or failed run may leave its profile half-written: the next run of this slot starts afresh.
          void rm(profile, { recursive: true, force: true }).finally(() =>
            reject(
              timedOut
                ? new ConversionTimeoutError(this.options.timeoutMs)
                : new ConversionFailedError(
                    `LibreOffice ended with ${signal ?? `exit code ${code}`}${stderr ? `: ${stderr.trim()}` : ''}`,
                  ),
            ),
          );
          return;
        }
        resolve();
      });
    });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/** For tests: the work folders a converter still holds. */
export async function workFolders(root: string): Promise<string[]> {
  return (await readdir(root)).filter((n) => n.startsWith('job-'));
}
