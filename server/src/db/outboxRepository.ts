import { randomUUID } from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { OutboxJob, OutboxJobInput } from '../domain/outbox.js';
import type { JobKindFilter, JobQueue } from '../domain/ports/jobQueue.js';
import type { Database, OutboxJobsTable, Executor } from './schema.js';

const DEFAULT_MAX_ATTEMPTS = 25;

function toJob(row: Selectable<OutboxJobsTable>): OutboxJob {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: row.last_error,
  };
}

/**
 * Writes a job. Pass the transaction of the domain change so both commit or
 * neither does. A job with an existing dedupe key is not written twice.
 */
export async function enqueue(db: Executor, input: OutboxJobInput, now = Date.now()): Promise<string> {
  if (input.dedupeKey !== undefined) {
    const existing = await db
      .selectFrom('outbox_jobs')
      .select('id')
      .where('dedupe_key', '=', input.dedupeKey)
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  if (input.coalesceKey !== undefined) {
    const waiting = await db
      .selectFrom('outbox_jobs')
      .select('id')
      .where('coalesce_key', '=', input.coalesceKey)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (waiting) return waiting.id;
  }
  const id = randomUUID();
  await db
    .insertInto('outbox_jobs')
    .values({
      id,
      kind: input.kind,
      payload: JSON.stringify(input.payload ?? null),
      dedupe_key: input.dedupeKey ?? null,
      coalesce_key: input.coalesceKey ?? null,
      status: 'pending',
      max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * The due jobs (or jobs whose worker died: lease expired) of the wanted kinds, oldest first. A job
 * waits while another of its coalescing key runs (on any replica): changes of one thing (a room, a
 * person) reach the outside world one after the other, never two at once.
 */
function dueJobs(db: Executor, now: number, kinds: JobKindFilter) {
  let query = db
    .selectFrom('outbox_jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('coalesce_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_jobs as other')
              .select('other.id')
              .whereRef('other.coalesce_key', '=', 'outbox_jobs.coalesce_key')
              .whereRef('other.id', '<>', 'outbox_jobs.id')
              .where('other.status', '=', 'running')
              .where('other.locked_until', '>=', now),
          ),
        ),
      ]),
    );
  if (kinds.only?.length) query = query.where('kind', 'in', [...kinds.only]);
  if (kinds.except?.length) query = query.where('kind', 'not in', [...kinds.except]);
  return query.orderBy('run_at').limit(1);
}

/** Leases a job it has read; the conditions make a second worker's lease of the same read fail. */
async function lease(db: Executor, candidate: Selectable<OutboxJobsTable>, now: number, leaseMs: number) {
  const result = await db
    .updateTable('outbox_jobs')
    .set({ status: 'running', locked_until: now + leaseMs, attempts: candidate.attempts + 1, updated_at: now })
    .where('id', '=', candidate.id)
    .where('attempts', '=', candidate.attempts)
    .where('status', '=', candidate.status)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n
    ? toJob({ ...candidate, status: 'running', attempts: candidate.attempts + 1 })
    : undefined;
}

/**
 * Takes the next due job, or one whose worker died (lease expired), and leases
 * it; two workers never take the same job. The read and the lease are one
 * transaction. On PostgreSQL, where several replicas share the outbox (ADR
 * 0038), the row is locked as it is read and rows that another replica has
 * locked are skipped (`FOR UPDATE SKIP LOCKED`), so the replicas take different
 * jobs instead of racing for the oldest one. SQLite runs one transaction at a
 * time. The lease's conditions stay as the last guard either way.
 */
export async function claimNext(
  db: Kysely<Database>,
  now: number,
  leaseMs: number,
  kinds: JobKindFilter = {},
): Promise<OutboxJob | undefined> {
  // An idle poll only reads: the transaction is opened once there is a job to take.
  if (!(await dueJobs(db, now, kinds).executeTakeFirst())) return undefined;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.transaction().execute(async (tx) => {
    const due = dueJobs(tx, now, kinds);
    const candidate = await (postgres ? due.forUpdate().skipLocked() : due).executeTakeFirst();
    return candidate && lease(tx, candidate, now, leaseMs);
  });
}

export async function markDone(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('outbox_jobs')
    .set({ status: 'done', locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markRetry(
  db: Kysely<Database>,
  id: string,
  error: string,
  runAt: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('outbox_jobs')
    .set({ status: 'pending', locked_until: null, last_error: error, run_at: runAt, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Kysely<Database>, id: string, error: string, now: number): Promise<void> {
  await db
    .updateTable('outbox_jobs')
    .set({ status: 'failed', locked_until: null, last_error: error, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The outbox as the worker's job queue. */
export function jobQueue(db: Kysely<Database>): JobQueue {
  return {
    claimNext: (now, leaseMs, kinds) => claimNext(db, now, leaseMs, kinds),
    markDone: (id, now) => markDone(db, id, now),
    markRetry: (id, error, runAt, now) => markRetry(db, id, error, runAt, now),
    markFailed: (id, error, now) => markFailed(db, id, error, now),
  };
}

export async function findJob(db: Executor, id: string): Promise<OutboxJob | undefined> {
  const row = await db.selectFrom('outbox_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function countJobsByStatus(db: Executor): Promise<Record<OutboxJob['status'], number>> {
  const rows = await db
    .selectFrom('outbox_jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
