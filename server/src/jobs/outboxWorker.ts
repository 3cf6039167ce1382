import type { Logger } from 'pino';
import { backoffMs, retryHint, type OutboxJob } from '../domain/outbox.js';
import type { JobKindFilter, JobQueue } from '../domain/ports/jobQueue.js';

export type JobHandler = (payload: unknown, job: OutboxJob) => Promise<void>;

export interface OutboxWorkerOptions {
  queue: JobQueue;
  handlers: Readonly<Record<string, JobHandler>>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  pollMs: number;
  /** How long a claimed job stays with this worker before another may take it over. */
  leaseMs?: number;
  /** Jobs applied at the same time (each job is still applied by one worker only). */
  concurrency?: number;
  now?: () => number;
  random?: () => number;
  /** Told when a job will not be retried any more, so its object can show "failed" with the reason. */
  onFailed?: (job: OutboxJob, reason: string) => Promise<void>;
  /**
   * The kinds this worker takes (default: all). A slow kind gets a worker of its own, so it
   * never holds the lanes that provisioning and notices need, and can have a longer lease.
   */
  kinds?: JobKindFilter;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Applies outbox jobs to the outside systems, one at a time per worker. A job
 * that fails with a retryable error goes back to the queue with backoff; it is
 * marked failed only when the error says retrying cannot help or its attempts
 * are used up — never silently dropped.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private claims: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every job that is due now, `concurrency` at a time; returns how many were attempted. */
  async drain(): Promise<number> {
    let attempted = 0;
    const lane = async (): Promise<void> => {
      for (;;) {
        const job = await this.claim();
        if (!job) return;
        attempted++;
        await this.runOne(job);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 1) }, lane));
    return attempted;
  }

  /**
   * Takes the next due job. The lanes of one worker claim one after another:
   * racing each other for the same row, most of them would lose several times
   * in a row and end early, leaving fewer jobs running than `concurrency`.
   */
  private claim(): Promise<OutboxJob | undefined> {
    const next = this.claims.then(() => this.options.queue.claimNext(this.now(), this.leaseMs, this.options.kinds));
    this.claims = next.catch(() => undefined);
    return next;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'outbox worker cycle failed');
        })
        .finally(() => this.schedule(this.options.pollMs));
    }, delay);
  }

  private async runOne(job: OutboxJob): Promise<void> {
    const { queue, handlers, logger } = this.options;
    const handler = handlers[job.kind];
    if (!handler) {
      const reason = `no handler for job kind "${job.kind}"`;
      await queue.markFailed(job.id, reason, this.now());
      logger.error({ jobId: job.id, kind: job.kind }, 'outbox job has no handler');
      await this.options.onFailed?.(job, reason);
      return;
    }
    try {
      await handler(job.payload, job);
      await queue.markDone(job.id, this.now());
      logger.info({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'outbox job done');
    } catch (error) {
      const hint = retryHint(error);
      const message = describe(error);
      if (hint.retryable && job.attempts < job.maxAttempts) {
        const delay = Math.max(hint.retryAfterMs ?? 0, backoffMs(job.attempts, this.options.random));
        await queue.markRetry(job.id, message, this.now() + delay, this.now());
        logger.warn(
          { jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs: delay, error: message },
          'outbox job will be retried',
        );
      } else {
        await queue.markFailed(job.id, message, this.now());
        logger.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: message }, 'outbox job failed');
        await this.options.onFailed?.(job, message);
      }
    }
  }
}
