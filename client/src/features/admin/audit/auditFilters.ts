import { type AuditOutcome, auditOutcomes, type AuditQuery } from '@arbeitsbereich/contract';

/** Actions the filter offers; the log may hold others, which are shown by their name. */
export const AUDIT_ACTIONS = [
  'auth.signIn',
  'auth.signOut',
  'auth.backchannelLogout',
  'tenant.create',
  'tenant.archive',
  'person.create',
  'person.import',
  'person.changeRole',
  'person.deactivate',
  'person.reactivate',
  'person.invite',
  'person.mailNotices',
] as const;

/** The filter form as typed: dates as "YYYY-MM-DD" from <input type="date">. */
export interface AuditFilterValues {
  action: string;
  outcome: string;
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilterValues = { action: '', outcome: '', from: '', to: '' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start or end of a calendar day in the browser's time zone, as an ISO timestamp. */
export function dayBoundary(date: string, end: boolean): string | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const local = end ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day, 0, 0, 0, 0);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

/** The query for GET …/audit: only the set filters; "to" includes the whole day. */
export function auditQueryOf(values: AuditFilterValues, limit: number): AuditQuery {
  const from = dayBoundary(values.from, false);
  const to = dayBoundary(values.to, true);
  const outcome = (auditOutcomes as readonly string[]).includes(values.outcome)
    ? (values.outcome as AuditOutcome)
    : undefined;
  return {
    ...(values.action ? { action: values.action } : {}),
    ...(outcome ? { outcome } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit,
  };
}

/** "Von" after "bis" finds nothing; the form says so instead of asking. */
export function rangeIsReversed(values: AuditFilterValues): boolean {
  return values.from !== '' && values.to !== '' && values.from > values.to;
}
