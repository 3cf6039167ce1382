import net from 'node:net';
import type { Readable } from 'node:stream';
import type { MalwareScanner, ScanVerdict } from '../../domain/ports/malwareScanner.js';

/** Where clamd listens: `tcp://host:port` or `unix:///path/to/clamd.ctl`. */
export type ClamdAddress = { host: string; port: number } | { path: string };

export function parseClamdUrl(url: string): ClamdAddress {
  const parsed = new URL(url);
  if (parsed.protocol === 'unix:') return { path: decodeURIComponent(parsed.pathname) };
  if (parsed.protocol === 'tcp:' && parsed.hostname && parsed.port) {
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port) };
  }
  throw new Error('CLAMD_URL must be tcp://host:port or unix:///path/to/clamd.ctl');
}

/** clamd refused this file for good (for example: larger than its StreamMaxLength). */
export class ClamdRefused extends Error {
  readonly retryable = false;
  constructor(reply: string) {
    super(`clamd refused the file: ${reply}`);
    this.name = 'ClamdRefused';
  }
}

/** The largest chunk clamd is sent at once (its frames carry a 4-byte length). */
const CHUNK = 64 * 1024;

/**
 * ClamAV's daemon over its INSTREAM command (clamd(8)): the bytes go in length-prefixed chunks,
 * ended by a zero-length chunk, and clamd answers `stream: OK`, `stream: <signature> FOUND`, or
 * an error. Nothing is written to disk on this side; clamd holds at most its StreamMaxLength.
 */
export class ClamdScanner implements MalwareScanner {
  constructor(
    private readonly address: ClamdAddress,
    /** Longest the whole scan may take, connection included. */
    private readonly timeoutMs = 120_000,
  ) {}

  async scan(content: Readable): Promise<ScanVerdict> {
    const reply = await this.instream(content);
    return verdictOf(reply);
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = 'path' in this.address ? net.connect(this.address.path) : net.connect(this.address);
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error('clamd did not answer in time')));
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  private async instream(content: Readable): Promise<string> {
    const socket = await this.connect();
    const answer = new Promise<string>((resolve, reject) => {
      const parts: Buffer[] = [];
      socket.on('data', (data: Buffer) => parts.push(data));
      socket.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      socket.on('error', reject);
    });
    // clamd may answer (and close) before all bytes are sent, e.g. at its size limit.
    answer.catch(() => undefined);
    try {
      await write(socket, Buffer.from('zINSTREAM\0'));
      // One length prefix, written before each chunk and reused: the chunk itself is never copied,
      // and each write is awaited, so at most one chunk is in flight.
      const length = Buffer.alloc(4);
      for await (const piece of content) {
        const bytes = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
        for (let at = 0; at < bytes.length; at += CHUNK) {
          const chunk = bytes.subarray(at, at + CHUNK);
          length.writeUInt32BE(chunk.length);
          socket.write(length);
          await write(socket, chunk);
        }
      }
      length.writeUInt32BE(0);
      await write(socket, length);
      socket.end();
    } catch (error) {
      // A reply that came early says why (a size limit); otherwise the connection failed.
      const early = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(r, 200, undefined))]).catch(
        () => undefined,
      );
      socket.destroy();
      content.destroy();
      if (early) return early;
      throw error;
    }
    return answer;
  }
}

function write(socket: net.Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed || !socket.writable) {
      reject(new Error('clamd closed the connection'));
      return;
    }
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** Reads clamd's one-line answer to INSTREAM. */
export function verdictOf(reply: string): ScanVerdict {
  const line = reply.replace(/\0/g, '').trim();
  if (line === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found?.[1]) return { clean: false, signature: found[1] };
  if (/size limit exceeded/i.test(line)) throw new ClamdRefused(line);
  throw new Error(`clamd answered: ${line || '(nothing)'}`);
}
