/**
 * What every outbox job kind declares in the catalog: how a stored payload is checked (the one
 * runtime check, where the worker hands the job to its handler) and which record shows the job's
 * failure once retrying has ended.
 */

/** The record that shows a job's failure: its sync state (or a version's preview) becomes "failed". */
export type FailureRecord =
  | { type: 'tenant'; id: string }
  | { type: 'person'; id: string }
  | { type: 'room'; id: string }
  | { type: 'version'; id: string }
  | { type: 'export'; id: string }
  /** A version's malware scan (ADR 0055): it shows "failed" and stays held back. */
  | { type: 'versionScan'; id: string }
  | null;

export interface JobSpec<P> {
  /** The payload, if its shape is right; otherwise throws a non-retryable error. */
  parse(payload: unknown): P;
  /** Which record shows this job's failure (null: none, the job changes no record's state). */
  failureRecord(payload: P): FailureRecord;
}

export const jobSpec = <P>(spec: JobSpec<P>): JobSpec<P> => spec;

/** A stored payload of the wrong shape: repeating the job cannot help. */
export class MalformedPayload extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'Error';
  }
}

/** The payload's fields, or none when it is not an object. */
export const fieldsOf = (payload: unknown): Record<string, unknown> =>
  typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};

/** The payload's string field `key`; a missing one makes the payload malformed. */
export function stringField(payload: unknown, key: string): string {
  const value = fieldsOf(payload)[key];
  if (typeof value !== 'string') throw new MalformedPayload(`job payload lacks ${key}`);
  return value;
}
