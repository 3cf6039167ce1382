import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConversionFormat, DocumentConverter } from '../domain/ports/conversion.js';
import { jobCatalog } from '../domain/jobs/catalog.js';
import type { PartHealth } from '../domain/ports/health.js';
import type { OperationalStats, OutboxKindStats } from '../domain/ports/operationalStats.js';

/** Live counts that only the running process knows. */
export interface LiveCounts {
  socketConnections(): number;
  collab(): { documents: number; connections: number };
}

export interface Metrics {
  readonly registry: Registry;
  /** Times every HTTP request by its route's template (never its concrete path: ids would explode the series). */
  httpTimer(req: Request, res: Response, next: NextFunction): void;
  /** The same converter, timed and counted per target format and outcome. */
  timedConverter(converter: DocumentConverter): DocumentConverter;
  /** Connects the counts of the socket and collaboration servers once they run. */
  observe(live: LiveCounts): void;
}

const prefix = 'arbeitsbereich_';

/**
 * Every kind of the job catalog, with zeros where the database has no job: a series that exists
 * only while something waits cannot tell "nothing waits" from "nothing is reported".
 */
function withEveryKind(outbox: readonly OutboxKindStats[]): OutboxKindStats[] {
  const known = new Set(outbox.map((k) => k.kind));
  const idle = Object.keys(jobCatalog)
    .filter((kind) => !known.has(kind))
    .map((kind) => ({ kind, pending: 0, running: 0, failed: 0, oldestPendingAt: null }));
  return [...outbox, ...idle];
}

/** One series of a labelled gauge: its labels and its value. */
type Row = [Record<string, string>, number];

/** The same promise to every caller while a load runs; the next call after it settles loads again. */
function oncePerScrape<T>(load: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () =>
    (inFlight ??= load().finally(() => {
      inFlight = undefined;
    }));
}

interface DatabaseFacts {
  outbox: OutboxKindStats[];
  sessions: number;
  repairs: { target: string; count: number }[];
}

/**
 * The workspace's Prometheus metrics (ADR 0036). Database facts are read at
 * scrape time from OperationalStats, so every replica reports the same outbox
 * and no number is kept in memory that a restart would lose.
 */
export interface MetricsSources {
  stats: OperationalStats;
  /** The parts the workspace depends on (database, Keycloak, Synapse), probed as /readyz probes them. */
  parts: () => Promise<Record<string, PartHealth>>;
  now?: () => number;
}

export function createMetrics({ stats, parts, now = Date.now }: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  let live: LiveCounts | undefined;

  const http = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP requests by method, route template and status class.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const conversions = new Histogram({
    name: `${prefix}conversion_duration_seconds`,
    help: 'Document conversions (previews and exports) by target format and outcome.',
    labelNames: ['format', 'outcome'] as const,
    buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
    registers: [registry],
  });
  const conversionsRunning = new Gauge({
    name: `${prefix}conversions_in_progress`,
    help: 'Conversions running or waiting for their turn in this process.',
    registers: [registry],
  });

  // One read of the database and one round of probes per scrape, shared by the gauges that show
  // them: prom-client collects every metric of a scrape at once.
  const facts = oncePerScrape(() =>
    Promise.all([stats.outbox(), stats.activeSessions(now()), stats.repairs()])
      .then(([outbox, sessions, repairs]): DatabaseFacts => ({ outbox: withEveryKind(outbox), sessions, repairs }))
      .catch(() => undefined),
  );
  const probed = oncePerScrape(async () => Object.entries(await parts()));

  /** A gauge whose series are rebuilt from `rows` at each scrape; none given keeps the last values. */
  const labelled = (name: string, help: string, labelNames: string[], rows: () => Promise<Row[] | undefined>) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const current = await rows();
        if (!current) return;
        this.reset();
        for (const [labels, value] of current) this.set(labels, value);
      },
    });
  /** A gauge of one value read at each scrape; undefined keeps the last one. */
  const single = (name: string, help: string, value: () => number | undefined | Promise<number | undefined>) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers: [registry],
      async collect() {
        const current = await value();
        if (current !== undefined) this.set(current);
      },
    });

  labelled(
    'outbox_jobs',
    'Outbox jobs by kind and state (pending, running, failed: attempts used up).',
    ['kind', 'state'],
    async () =>
      (await facts())?.outbox.flatMap((k): Row[] => [
        [{ kind: k.kind, state: 'pending' }, k.pending],
        [{ kind: k.kind, state: 'running' }, k.running],
        [{ kind: k.kind, state: 'failed' }, k.failed],
      ]),
  );
  labelled(
    'outbox_oldest_pending_age_seconds',
    'Age of the longest-waiting pending job, by kind (0 when none waits).',
    ['kind'],
    async () =>
      (await facts())?.outbox.map((k): Row => [
        { kind: k.kind },
        k.oldestPendingAt === null ? 0 : Math.max(0, (now() - k.oldestPendingAt) / 1000),
      ]),
  );
  labelled(
    'reconciler_repairs',
    'Repairs of drift in Synapse and storage recorded in the audit log, by target.',
    ['target'],
    async () => (await facts())?.repairs.map((r): Row => [{ target: r.target }, r.count]),
  );
  single(
    'sessions_active',
    'Workspace sessions that have not reached their absolute end.',
    async () => (await facts())?.sessions,
  );
  single(
    'metrics_collect_errors',
    '1 when this scrape could not read the database facts (the gauges above keep their last values).',
    async () => ((await facts()) ? 0 : 1),
  );
  labelled(
    'part_up',
    'Whether a part the workspace depends on answers its readiness probe (1) or not (0).',
    ['part'],
    async () => (await probed()).map(([part, health]): Row => [{ part }, health.status === 'up' ? 1 : 0]),
  );
  labelled('part_probe_seconds', 'How long the readiness probe of each part took.', ['part'], async () =>
    (await probed()).map(([part, health]): Row => [{ part }, health.latencyMs / 1000]),
  );
  single(
    'socket_connections',
    'Live-update (socket.io) connections to this process.',
    () => live?.socketConnections() ?? 0,
  );
  single(
    'collab_documents_open',
    'Text documents open in this process’s collaboration server.',
    () => live?.collab().documents ?? 0,
  );
  single(
    'collab_connections',
    'Editors connected to this process’s collaboration server.',
    () => live?.collab().connections ?? 0,
  );

  return {
    registry,
    httpTimer(req, res, next) {
      const end = http.startTimer({ method: req.method });
      res.once('finish', () => {
        // The matched route's template, below the router it was mounted on; unmatched paths share one series.
        const template = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
        end({ route: template, status: `${Math.floor(res.statusCode / 100)}xx` });
      });
      next();
    },
    timedConverter(converter) {
      return {
        async convert(input, to: ConversionFormat, consume) {
          const end = conversions.startTimer({ format: to });
          conversionsRunning.inc();
          try {
            const result = await converter.convert(input, to, consume);
            end({ outcome: 'ok' });
            return result;
          } catch (error) {
            end({ outcome: error instanceof Error && error.name === 'ConversionTimeoutError' ? 'timeout' : 'failed' });
            throw error;
          } finally {
            conversionsRunning.dec();
          }
        },
      };
    },
    observe(counts) {
      live = counts;
    },
  };
}
