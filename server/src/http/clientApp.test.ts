import fs from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, clientApp } from './clientApp.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add an Accept-Encoding of its own). */
function get(base: string, p: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${p}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('the client app', () => {
  const script = 'export const greeting = "Guten Tag";\n'.repeat(200);
  const page = '<!doctype html><html lang="de"><body>' + '<p>Arbeitsbereich</p>'.repeat(100) + '</body></html>';
  const manifest = JSON.stringify({ name: 'Arbeitsbereich', description: 'Räume '.repeat(300), display: 'standalone' });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  let dist: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'client-app-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dist, name), text);
      fs.writeFileSync(path.join(dist, `${name}.br`), brotliCompressSync(text));
      fs.writeFileSync(path.join(dist, `${name}.gz`), gzipSync(text));
    };
    write('index.html', page);
    write('assets/main-abc123.js', script);
    fs.writeFileSync(path.join(dist, 'assets', 'small-abc123.css'), 'a{}');
    write('manifest.webmanifest', manifest);
    fs.mkdirSync(path.join(dist, 'icons'));
    fs.writeFileSync(path.join(dist, 'icons', 'icon-192.png'), png);
    server = express().use(clientApp(dist)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-encoded to a browser that accepts it, cached for a year', async () => {
    const answer = await get(base, '/assets/main-abc123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['vary']).toMatch(/accept-encoding/i);
    expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(answer.headers['content-length'])).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gzipped = await get(base, '/assets/main-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const refusals: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of refusals) {
      const plain = await get(base, '/assets/main-abc123.js', headers);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toMatch(/accept-encoding/i);
      expect(plain.body.toString()).toBe(script);
    }
  });

  it('sends a file without siblings as it is', async () => {
    const answer = await get(base, '/assets/small-abc123.css', { 'accept-encoding': 'br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/^text\/css/);
    expect(answer.body.toString()).toBe('a{}');
  });

  it('never sends a sibling older than its file', async () => {
    const file = path.join(dist, 'assets', 'changed-abc123.js');
    fs.writeFileSync(`${file}.br`, brotliCompressSync('an earlier version'));
    const earlier = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.br`, earlier, earlier);
    fs.writeFileSync(file, script);
    const answer = await get(base, '/assets/changed-abc123.js', { 'accept-encoding': 'br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe(script);
  });

  it('sends index.html compressed for deep links, and never lets it be cached', async () => {
    const answer = await get(base, '/rooms/some-room', { 'accept-encoding': 'br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(answer.body).toString()).toBe(page);
  });

  it('answers a missing asset with 404, not with index.html, and never leaves the build', async () => {
    expect((await get(base, '/assets/gone-abc123.js', { 'accept-encoding': 'br' })).status).toBe(404);
    const outside = await get(base, '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd', { 'accept-encoding': 'br' });
    expect(outside.body.toString()).not.toContain('root:');
  });

  it('sends the web app manifest as application/manifest+json, compressed, and its icons as images', async () => {
    const answer = await get(base, '/manifest.webmanifest', { 'accept-encoding': 'gzip, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe('public, max-age=0');
    expect(JSON.parse(brotliDecompressSync(answer.body).toString())).toMatchObject({ name: 'Arbeitsbereich' });

    const plain = await get(base, '/manifest.webmanifest');
    expect(plain.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(plain.body.toString()).toBe(manifest);

    const icon = await get(base, '/icons/icon-192.png', { 'accept-encoding': 'br' });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.body.equals(png)).toBe(true);
  });

  it('prefers brotli among equal qualities and honours q-values and *', () => {
    const both = [
      { name: 'br', suffix: '.br' },
      { name: 'gzip', suffix: '.gz' },
    ] as const;
    expect(chooseEncoding('gzip, deflate, br', both)?.name).toBe('br');
    expect(chooseEncoding('br;q=0.5, gzip', both)?.name).toBe('gzip');
    expect(chooseEncoding('*', both)?.name).toBe('br');
    expect(chooseEncoding('*, br;q=0', both)?.name).toBe('gzip');
    expect(chooseEncoding(undefined, both)).toBeUndefined();
    expect(chooseEncoding('identity', both)).toBeUndefined();
  });
});
