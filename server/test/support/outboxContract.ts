import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { migrateToLatest, type Db } from '../../src/db/database.js';
import { claimNext, enqueue, findJob, jobQueue, markDone } from '../../src/db/outboxRepository.js';
import { OutboxWorker, type JobHandler } from '../../src/jobs/outboxWorker.js';

export interface DatabaseUnderTest {
  db: Db;
  dispose: () => Promise<void>;
}

/**
 * The outbox's behaviour, run against every database the product supports
 * (SQLite in the unit tests, PostgreSQL in the integration tests). Only time
 * is simulated.
 */
export function outboxContract(dialect: string, open: () => Promise<DatabaseUnderTest>): void {
  describe(`outbox on ${dialect}`, () => {
    let db: Db;
    let dispose: () => Promise<void>;
    let clock: number;
    const logger = pino({ level: 'silent' });

    const worker = (handlers: Record<string, JobHandler>, maxRandom = 1) =>
      new OutboxWorker({
        queue: jobQueue(db),
        handlers,
        logger,
        pollMs: 10,
        now: () => clock,
        random: () => maxRandom,
      });

    beforeEach(async () => {
      ({ db, dispose } = await open());
      await migrateToLatest(db);
      clock = 1_000_000;
    });
    afterEach(async () => {
      await dispose();
    });

    it('retries a failing job with backoff until it succeeds, applying it exactly once', async () => {
      let calls = 0;
      let applied = 0;
      const id = await enqueue(db, { kind: 'flaky', payload: { n: 1 } }, clock);
      const w = worker({
        flaky: (payload) => {
          calls++;
          if (calls < 3) return Promise.reject(new Error('connection refused'));
          expect(payload).toEqual({ n: 1 });
          applied++;
          return Promise.resolve();
        },
      });

      expect(await w.drain()).toBe(1);
      let job = await findJob(db, id);
      expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: connection refused' });
      expect(job!.runAt).toBe(clock + 1000);

      expect(await w.drain()).toBe(0); // not due yet
      clock = job!.runAt;
      await w.drain();
      job = await findJob(db, id);
      expect(job).toMatchObject({ status: 'pending', attempts: 2 });
      expect(job!.runAt).toBe(clock + 2000);

      clock = job!.runAt;
      await w.drain();
      expect(await findJob(db, id)).toMatchObject({ status: 'done', attempts: 3, lastError: null });
      expect(applied).toBe(1);
    });

    it('fails a job at once when the error says retrying cannot help', async () => {
      const id = await enqueue(db, { kind: 'bad', payload: null }, clock);
      const error = Object.assign(new Error('user name already taken'), { retryable: false });
      await worker({ bad: () => Promise.reject(error) }).drain();
      expect(await findJob(db, id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: 'Error: user name already taken',
      });
    });

    it('honours the retry-after hint of a rate-limited system', async () => {
      const id = await enqueue(db, { kind: 'limited', payload: null }, clock);
      const error = Object.assign(new Error('too many requests'), { retryable: true, retryAfterMs: 30_000 });
      await worker({ limited: () => Promise.reject(error) }).drain();
      expect((await findJob(db, id))!.runAt).toBe(clock + 30_000);
    });

    it('gives up after the last allowed attempt', async () => {
      const id = await enqueue(db, { kind: 'down', payload: null, maxAttempts: 2 }, clock);
      const w = worker({ down: () => Promise.reject(new Error('down')) });
      await w.drain();
      clock += 10 * 60_000;
      await w.drain();
      expect(await findJob(db, id)).toMatchObject({ status: 'failed', attempts: 2 });
    });

    it('fails a job whose kind has no handler instead of looping on it', async () => {
      const id = await enqueue(db, { kind: 'unknown', payload: null }, clock);
      await worker({}).drain();
      expect(await findJob(db, id)).toMatchObject({ status: 'failed', lastError: 'no handler for job kind "unknown"' });
    });

    it('enqueues a job with the same dedupe key once', async () => {
      const a = await enqueue(db, { kind: 'k', payload: 1, dedupeKey: 'room:1:create' }, clock);
      const b = await enqueue(db, { kind: 'k', payload: 2, dedupeKey: 'room:1:create' }, clock);
      expect(b).toBe(a);
      const rows = await db.selectFrom('outbox_jobs').selectAll().execute();
      expect(rows).toHaveLength(1);
    });

    it('folds converging changes into the job that still waits, and queues anew once it runs', async () => {
      const key = 'room.sync:r1';
      const first = await enqueue(db, { kind: 'room.sync', payload: { roomId: 'r1' }, coalesceKey: key }, clock);
      const second = await enqueue(db, { kind: 'room.sync', payload: { roomId: 'r1' }, coalesceKey: key }, clock);
      const otherRoom = await enqueue(
        db,
        { kind: 'room.sync', payload: { roomId: 'r2' }, coalesceKey: 'room.sync:r2' },
        clock,
      );
      expect(second).toBe(first);
      expect(otherRoom).not.toBe(first);

      // Claimed: it may have read the desired state already, so a later change needs a job of its own.
      const claimed = await claimNext(db, clock, 30_000);
      expect(claimed?.id).toBe(first);
      const third = await enqueue(db, { kind: 'room.sync', payload: { roomId: 'r1' }, coalesceKey: key }, clock);
      expect(third).not.toBe(first);
      const fourth = await enqueue(db, { kind: 'room.sync', payload: { roomId: 'r1' }, coalesceKey: key }, clock);
      expect(fourth).toBe(third);
      const rows = await db.selectFrom('outbox_jobs').select(['id', 'status']).execute();
      expect(rows).toHaveLength(3);
    });

    it('loses no job when the transaction of the domain change rolls back or commits', async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await enqueue(trx, { kind: 'k', payload: 'rolled back' }, clock);
          throw new Error('domain rule violated');
        }),
      ).rejects.toThrow('domain rule violated');
      expect(await db.selectFrom('outbox_jobs').selectAll().execute()).toHaveLength(0);

      await db.transaction().execute((trx) => enqueue(trx, { kind: 'k', payload: 'kept' }, clock));
      expect(await db.selectFrom('outbox_jobs').selectAll().execute()).toHaveLength(1);
    });

    it('keeps as many jobs running at once as its concurrency allows', async () => {
      for (let i = 0; i < 40; i++) await enqueue(db, { kind: 'k', payload: i }, clock);
      let running = 0;
      let most = 0;
      const seen: unknown[] = [];
      const w = new OutboxWorker({
        queue: jobQueue(db),
        logger,
        pollMs: 10,
        concurrency: 8,
        now: () => clock,
        handlers: {
          k: async (payload) => {
            most = Math.max(most, ++running);
            // Each job waits (up to 5 s) until every lane holds one of the jobs still open: a slow claim
            // on a busy machine must not let the first jobs end before the last lanes got theirs.
            const until = Date.now() + 5000;
            while (running < Math.min(8, 40 - seen.length) && Date.now() < until) {
              await new Promise((resolve) => setTimeout(resolve, 2));
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
            running--;
            seen.push(payload);
          },
        },
      });
      expect(await w.drain()).toBe(40);
      expect(most).toBe(8);
      expect(new Set(seen).size).toBe(40);
    });

    it('gives claims made at the same moment different jobs, as replicas sharing the outbox make them', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 8; i++) ids.add(await enqueue(db, { kind: 'k', payload: i }, clock + i));
      const claimed = await Promise.all(Array.from({ length: 8 }, () => claimNext(db, clock + 10, 60_000)));
      expect(claimed.every((job) => job !== undefined)).toBe(true);
      expect(new Set(claimed.map((job) => job!.id))).toEqual(ids);
      expect(await claimNext(db, clock + 10, 60_000)).toBeUndefined();
    });

    it('runs the jobs of one coalescing key one after the other, on whichever worker', async () => {
      const first = await enqueue(db, { kind: 'k', payload: 1, coalesceKey: 'room:1' }, clock);
      const other = await enqueue(db, { kind: 'k', payload: 2, coalesceKey: 'room:2' }, clock);
      expect((await claimNext(db, clock, 60_000))?.id).toBe(first);
      // A change of room 1 made while its first job runs waits for it; room 2's does not.
      const second = await enqueue(db, { kind: 'k', payload: 3, coalesceKey: 'room:1' }, clock + 1);
      expect(second).not.toBe(first);
      expect((await claimNext(db, clock + 10, 60_000))?.id).toBe(other);
      expect(await claimNext(db, clock + 10, 60_000)).toBeUndefined();
      await markDone(db, first, clock + 20);
      expect((await claimNext(db, clock + 30, 60_000))?.id).toBe(second);
    });

    it('lets the next job of a key run once the running one has lost its lease', async () => {
      const first = await enqueue(db, { kind: 'k', payload: 1, coalesceKey: 'room:1' }, clock);
      expect((await claimNext(db, clock, 60_000))?.id).toBe(first);
      const second = await enqueue(db, { kind: 'k', payload: 2, coalesceKey: 'room:1' }, clock + 1);
      expect(await claimNext(db, clock + 1000, 60_000)).toBeUndefined();
      // The first one's worker died: after its lease both are due again, the older first.
      expect((await claimNext(db, clock + 61_000, 60_000))?.id).toBe(first);
      expect(await claimNext(db, clock + 61_000, 60_000)).toBeUndefined();
      await markDone(db, first, clock + 62_000);
      expect((await claimNext(db, clock + 62_000, 60_000))?.id).toBe(second);
    });

    it('lets another worker take over a job whose lease expired', async () => {
      const id = await enqueue(db, { kind: 'k', payload: null }, clock);
      const first = await claimNext(db, clock, 60_000);
      expect(first?.id).toBe(id);
      expect(await claimNext(db, clock + 1000, 60_000)).toBeUndefined();
      const second = await claimNext(db, clock + 61_000, 60_000);
      expect(second).toMatchObject({ id, attempts: 2 });
    });

    it('gives each worker only the kinds it takes', async () => {
      const slow = await enqueue(db, { kind: 'slow', payload: null }, clock);
      const quick = await enqueue(db, { kind: 'quick', payload: null }, clock + 1);
      expect((await claimNext(db, clock + 10, 60_000, { except: ['slow'] }))?.id).toBe(quick);
      expect(await claimNext(db, clock + 10, 60_000, { except: ['slow'] })).toBeUndefined();
      expect((await claimNext(db, clock + 10, 60_000, { only: ['slow'] }))?.id).toBe(slow);
      expect(await claimNext(db, clock + 10, 60_000, { only: ['slow'] })).toBeUndefined();
    });
  });
}
