import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** An RFC 9457 problem detail. `type` defaults to about:blank. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'HttpProblem';
  }
}

export function sendProblem(res: Response, problem: Problem): void {
  const requestId = res.locals.requestId as string | undefined;
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ type: 'about:blank', ...problem, ...(requestId ? { requestId } : {}) });
}

export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, { title: 'Not Found', status: 404, detail: `No resource at ${req.method} ${req.path}` });
};

/** Last middleware: every error leaves as problem+json; internals are logged, not shown. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpProblem) {
      sendProblem(res, error.problem);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // e.g. a malformed JSON body (400) or one above the limit (413) rejected by express.json()
      sendProblem(res, { title: STATUS_CODES[status] ?? 'Bad Request', status, detail: (error as Error).message });
      return;
    }
    logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, 'unhandled error');
    sendProblem(res, { title: 'Internal Server Error', status: 500 });
  };
}
