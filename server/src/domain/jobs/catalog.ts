/**
 * The catalog of outbox jobs: every kind, its payload type (shared by the command that enqueues
 * it and the handler that applies it), the check of a stored payload and the record that shows
 * the job's failure. One module per topic; this one only puts them together.
 */
import type { OutboxJobInput } from '../outbox.js';
import { chatDeviceJobKinds, chatDeviceJobs } from './chatDeviceJobs.js';
import type { FailureRecord, JobSpec } from './jobSpec.js';
import { documentJobKinds, documentJobs } from './documentJobs.js';
import { meetingJobKinds, meetingJobs } from './meetingJobs.js';
import { noticeJobKinds, noticeJobs } from './noticeJobs.js';
import { personJobKinds, personJobs } from './personJobs.js';
import { privacyJobKinds, privacyJobs } from './privacyJobs.js';
import { roomJobKinds, roomJobs } from './roomJobs.js';
import { tenantJobKinds, tenantJobs } from './tenantJobs.js';

export type { FailureRecord } from './jobSpec.js';

export const jobCatalog = {
  ...tenantJobs,
  ...personJobs,
  ...roomJobs,
  ...noticeJobs,
  ...documentJobs,
  ...chatDeviceJobs,
  ...meetingJobs,
  ...privacyJobs,
};

/** Names of the outbox jobs that make the outside systems follow the desired state. */
export const jobKinds = {
  ...tenantJobKinds,
  ...personJobKinds,
  ...roomJobKinds,
  ...noticeJobKinds,
  ...documentJobKinds,
  ...chatDeviceJobKinds,
  ...meetingJobKinds,
  ...privacyJobKinds,
} as const;

export type JobKind = keyof typeof jobCatalog;

/** Each kind's payload. */
export type JobPayloads = { [K in JobKind]: (typeof jobCatalog)[K] extends JobSpec<infer P> ? P : never };

/** A job as a command enqueues it: its kind and that kind's payload. */
export type JobInput<K extends JobKind> = Omit<OutboxJobInput, 'kind' | 'payload'> & {
  kind: K;
  payload: JobPayloads[K];
};

/** The handlers of some kinds, each given its kind's payload. */
export type JobHandlers<K extends JobKind = JobKind> = { [P in K]: (payload: JobPayloads[P]) => Promise<void> };

/** Handlers as the outbox worker calls them: with the stored payload, not yet checked. */
export type StoredJobHandlers = Record<string, (payload: unknown) => Promise<void>>;

const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(jobCatalog, kind);

const specOf = (kind: JobKind): JobSpec<unknown> => jobCatalog[kind] as JobSpec<unknown>;

/**
 * The handlers behind the one check of a stored payload: a payload of the wrong shape fails
 * the job for good (repeating it cannot help), a right one reaches the handler typed.
 */
export function checkedHandlers<K extends JobKind>(handlers: JobHandlers<K>): StoredJobHandlers {
  const checked: StoredJobHandlers = {};
  for (const kind of Object.keys(handlers) as K[]) {
    const handler = handlers[kind] as (payload: unknown) => Promise<void>;
    const spec = specOf(kind);
    checked[kind] = async (payload) => handler(spec.parse(payload));
  }
  return checked;
}

/** The record that shows a failed job's failure, as its kind declares; none for an unknown kind or payload. */
export function failureRecordOf(job: { kind: string; payload: unknown }): FailureRecord {
  if (!isJobKind(job.kind)) return null;
  const spec = specOf(job.kind);
  let payload: unknown;
  try {
    payload = spec.parse(job.payload);
  } catch {
    return null;
  }
  return spec.failureRecord(payload);
}
