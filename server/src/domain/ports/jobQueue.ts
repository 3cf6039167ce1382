import type { OutboxJob } from '../outbox.js';

/** Which kinds of jobs a worker takes: slow kinds (conversions) get a worker of their own. */
export interface JobKindFilter {
  only?: readonly string[];
  except?: readonly string[];
}

/**
 * The outbox seen by the worker that applies it: due jobs are claimed with a lease, and each
 * claimed job ends done, back in the queue for a later try, or failed with its reason.
 */
export interface JobQueue {
  /** The next due job (or one whose lease expired), leased to the caller; two callers never get the same job. */
  claimNext(now: number, leaseMs: number, kinds?: JobKindFilter): Promise<OutboxJob | undefined>;
  markDone(id: string, now: number): Promise<void>;
  markRetry(id: string, error: string, runAt: number, now: number): Promise<void>;
  markFailed(id: string, error: string, now: number): Promise<void>;
}
