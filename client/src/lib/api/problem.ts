import { isRecord } from './json';

/** One field the server rejected: `path` as the server names it, e.g. "body.email". */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An RFC 9457 problem detail as the workspace's server sends it. */
export interface Problem {
  /** The problem's type URI, e.g. "…/problems/guest-link-expired", when the server names one. */
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldIssue[];
  /** The field a domain rule refers to (`details.field`), if any. */
  field?: string;
}

function parseIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

/** Reads a problem+json body; undefined when the body is not one. */
export function parseProblem(body: unknown, status: number): Problem | undefined {
  if (!isRecord(body) || typeof body.title !== 'string') return undefined;
  const problem: Problem = {
    title: body.title,
    status: typeof body.status === 'number' ? body.status : status,
    errors: parseIssues(body.errors),
  };
  if (typeof body.type === 'string' && body.type !== '' && body.type !== 'about:blank') problem.type = body.type;
  if (typeof body.detail === 'string' && body.detail.trim() !== '') problem.detail = body.detail;
  if (isRecord(body.details) && typeof body.details.field === 'string') problem.field = body.details.field;
  return problem;
}

/**
 * The server's messages per form field: validation issues ("body.firstAdmin.email" →
 * "firstAdmin.email") and a domain rule's field, which gets the problem's detail.
 */
export function fieldMessages(problem: Problem): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of problem.errors) {
    const field = issue.path.replace(/^(body|query|params)\./, '');
    messages[field] ??= issue.message;
  }
  if (problem.field && problem.detail) messages[problem.field] ??= problem.detail;
  return messages;
}
