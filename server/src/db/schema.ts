import type { Generated } from 'kysely';

/** Times are stored as milliseconds since the epoch (bigint in PostgreSQL). */
export interface OutboxJobsTable {
  id: string;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  max_attempts: number;
  run_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface Database {
  outbox_jobs: OutboxJobsTable;
}
