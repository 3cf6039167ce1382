import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { ConversionTimeoutError, type DocumentConverter } from '../domain/ports/conversion.js';
import type { OperationalStats } from '../domain/ports/operationalStats.js';
import { createMetrics } from './metrics.js';

const clock = () => Date.parse('2026-12-05T10:00:00Z');

/** The database's answers as a table, so each test says what the outbox holds. */
function stats(overrides: Partial<OperationalStats> = {}): OperationalStats {
  return {
    outbox: () =>
      Promise.resolve([
        { kind: 'room.sync', pending: 3, running: 1, failed: 2, oldestPendingAt: clock() - 90_000 },
        { kind: 'tenant.provision', pending: 0, running: 0, failed: 1, oldestPendingAt: null },
      ]),
    activeSessions: () => Promise.resolve(7),
    repairs: () => Promise.resolve([{ target: 'room', count: 4 }]),
    ...overrides,
  };
}

const parts = () =>
  Promise.resolve({
    database: { status: 'up' as const, latencyMs: 2 },
    synapse: { status: 'down' as const, latencyMs: 1500, detail: 'connection refused' },
  });

/** One sample's value from the text exposition format. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the workspace’s metrics', () => {
  it('reads the outbox, sessions and repairs when scraped, with the age of the oldest waiting job', async () => {
    const metrics = createMetrics({ stats: stats(), parts, now: clock });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'arbeitsbereich_outbox_jobs{kind="room.sync",state="pending"}')).toBe(3);
    expect(sample(text, 'arbeitsbereich_outbox_jobs{kind="room.sync",state="failed"}')).toBe(2);
    expect(sample(text, 'arbeitsbereich_outbox_jobs{kind="tenant.provision",state="failed"}')).toBe(1);
    expect(sample(text, 'arbeitsbereich_outbox_oldest_pending_age_seconds{kind="room.sync"}')).toBe(90);
    expect(sample(text, 'arbeitsbereich_outbox_oldest_pending_age_seconds{kind="tenant.provision"}')).toBe(0);
    expect(sample(text, 'arbeitsbereich_reconciler_repairs{target="room"}')).toBe(4);
    expect(sample(text, 'arbeitsbereich_sessions_active')).toBe(7);
    expect(sample(text, 'arbeitsbereich_metrics_collect_errors')).toBe(0);
    expect(sample(text, 'arbeitsbereich_part_up{part="database"}')).toBe(1);
    expect(sample(text, 'arbeitsbereich_part_up{part="synapse"}')).toBe(0);
    expect(sample(text, 'arbeitsbereich_part_probe_seconds{part="synapse"}')).toBe(1.5);
    expect(text).not.toContain('connection refused');
  });

  it('shows every kind of the job catalog, forgets an unknown kind that no longer waits, and says so when the database cannot be read', async () => {
    let broken = false;
    // A kind an older release queued, and this one no longer knows.
    let kinds = ['room.sync', 'legacy.cleanup'];
    const metrics = createMetrics({
      parts,
      now: clock,
      stats: stats({
        outbox: () =>
          broken
            ? Promise.reject(new Error('database away'))
            : Promise.resolve(
                kinds.map((kind) => ({ kind, pending: 1, running: 0, failed: 0, oldestPendingAt: clock() })),
              ),
      }),
    });
    const first = await metrics.registry.metrics();
    expect(sample(first, 'arbeitsbereich_outbox_jobs{kind="legacy.cleanup",state="pending"}')).toBe(1);
    expect(sample(first, 'arbeitsbereich_outbox_jobs{kind="tenant.provision",state="pending"}')).toBe(0);
    expect(sample(first, 'arbeitsbereich_outbox_oldest_pending_age_seconds{kind="chatDevice.signOut"}')).toBe(0);
    kinds = ['room.sync'];
    expect(await metrics.registry.metrics()).not.toContain('kind="legacy.cleanup"');
    broken = true;
    expect(sample(await metrics.registry.metrics(), 'arbeitsbereich_metrics_collect_errors')).toBe(1);
  });

  it('times requests by route template, never by the concrete path', async () => {
    const metrics = createMetrics({ stats: stats(), parts, now: clock });
    const app = express();
    app.use(metrics.httpTimer);
    const api = express.Router();
    api.get('/rooms/:roomId', (_req, res) => {
      res.json({});
    });
    app.use('/api', api);
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const id of ['a1', 'b2', 'c3']) expect((await fetch(`${base}/api/rooms/${id}`)).status).toBe(200);
      expect((await fetch(`${base}/nothing/here`)).status).toBe(404);
    } finally {
      server.close();
    }
    const text = await metrics.registry.metrics();
    expect(
      sample(
        text,
        'arbeitsbereich_http_request_duration_seconds_count{method="GET",route="/api/rooms/:roomId",status="2xx"}',
      ),
    ).toBe(3);
    expect(
      sample(text, 'arbeitsbereich_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"}'),
    ).toBe(1);
    expect(text).not.toContain('a1');
  });

  it('times conversions by format and outcome, and keeps the converter’s answer and errors', async () => {
    const metrics = createMetrics({ stats: stats(), parts, now: clock });
    const converter: DocumentConverter = {
      convert: async (input, _to, consume) => {
        if (input.fileName === 'slow.docx') throw new ConversionTimeoutError(1000);
        if (input.fileName === 'broken.docx') throw new Error('soffice crashed');
        return consume({ stream: Readable.from([Buffer.from('%PDF')]), size: 4 });
      },
    };
    const timed = metrics.timedConverter(converter);
    const input = (fileName: string) => ({ fileName, content: new Uint8Array([1]) });
    expect(await timed.convert(input('ok.docx'), 'pdf', (out) => Promise.resolve(out.size))).toBe(4);
    await expect(timed.convert(input('slow.docx'), 'pdf', () => Promise.resolve(0))).rejects.toThrow(
      ConversionTimeoutError,
    );
    await expect(timed.convert(input('broken.docx'), 'odt', () => Promise.resolve(0))).rejects.toThrow('crashed');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'arbeitsbereich_conversion_duration_seconds_count{format="pdf",outcome="ok"}')).toBe(1);
    expect(sample(text, 'arbeitsbereich_conversion_duration_seconds_count{format="pdf",outcome="timeout"}')).toBe(1);
    expect(sample(text, 'arbeitsbereich_conversion_duration_seconds_count{format="odt",outcome="failed"}')).toBe(1);
    expect(sample(text, 'arbeitsbereich_conversions_in_progress')).toBe(0);
  });

  it('reports the live counts of the socket and collaboration servers once they run', async () => {
    const metrics = createMetrics({ stats: stats(), parts, now: clock });
    expect(sample(await metrics.registry.metrics(), 'arbeitsbereich_socket_connections')).toBe(0);
    metrics.observe({ socketConnections: () => 12, collab: () => ({ documents: 2, connections: 5 }) });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'arbeitsbereich_socket_connections')).toBe(12);
    expect(sample(text, 'arbeitsbereich_collab_documents_open')).toBe(2);
    expect(sample(text, 'arbeitsbereich_collab_connections')).toBe(5);
  });
});
