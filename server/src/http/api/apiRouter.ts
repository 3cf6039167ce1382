import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { sendProblem } from '../problem.js';
import type { RateLimiter } from '../rateLimit.js';
import type { ApiRoute, PersonLimit } from './apiRoute.js';

/** The status and title each kind of refusal of the domain is answered with. */
export const statusOfDomainError: Record<DomainError['kind'], [number, string]> = {
  'not-found': [404, 'Not Found'],
  forbidden: [403, 'Forbidden'],
  conflict: [409, 'Conflict'],
  invalid: [422, 'Unprocessable Content'],
  gone: [410, 'Gone'],
  unavailable: [503, 'Service Unavailable'],
  'too-large': [413, 'Payload Too Large'],
};

/** The largest JSON body the API reads. */
export const JSON_BODY_LIMIT = '1mb';

const readJsonBody = express.json({ limit: JSON_BODY_LIMIT });

/** Reads a JSON body now, for routes whose body waits until the caller is authorized. */
function readJson(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    readJsonBody(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error)));
  });
}

/** Namespace of the problem types the API names (RFC 9457 `type`). */
export const problemTypeBase = 'urn:arbeitsbereich:problem:';

function issues(where: string, error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
}

const loneSurrogate = /\p{Surrogate}/u;

/**
 * The strings of a request that are not well-formed Unicode (a lone surrogate, which JSON's
 * `\ud800` escapes can carry): no store could keep them as they are, so they are refused.
 */
function malformedText(value: unknown, path: string): { path: string; message: string }[] {
  if (typeof value === 'string') {
    return loneSurrogate.test(value)
      ? [{ path, message: 'Text must be well-formed Unicode (no lone surrogates)' }]
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...malformedText(key, path),
    ...malformedText(item, `${path}.${key}`),
  ]);
}

/** Who calls a public route: nobody the policy knows. */
export const anonymousActor: Actor = {
  userId: null,
  subject: 'anonymous',
  username: 'anonymous',
  displayName: '',
  tenantId: null,
  tenantRole: null,
  platformAdmin: false,
};

const tooMany = (res: Response, retryAfterMs: number, detail: string): void => {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  sendProblem(res, { title: 'Too Many Requests', status: 429, detail });
};

const overLimit: Record<PersonLimit, string> = {
  uploads: 'Too many uploads; try again shortly.',
  exports: 'Too many exports; try again shortly.',
  shares: 'Too many shared links; try again shortly.',
  meetingEvents: 'Too many meeting events; try again shortly.',
  invitations: 'Too many invitations sent; try again shortly.',
};

/**
 * Every API route passes the same pipeline: signed in (public routes: rate
 * limited per address instead) → rate limits (admin writes; uploads, exports,
 * shares and meeting events per person) → validate params, query and body
 * (routes that authorize first: params and query, the check, then the body is
 * read and validated) → handler (whose command checks the policy) → JSON.
 * Errors leave as problem+json.
 */
/** The per-address limits of public routes: guests', and those of systems that sign their calls. */
export interface PublicCallLimits {
  guests: RateLimiter;
  signedCallers: RateLimiter;
}

export function apiRouter(
  routes: readonly ApiRoute[],
  adminWrites: RateLimiter,
  publicCalls?: PublicCallLimits,
  perPerson: Partial<Record<PersonLimit, RateLimiter>> = {},
): Router {
  const router = Router();
  for (const r of routes) {
    router[r.method](r.path, (req: Request, res: Response, next: NextFunction) => {
      void (async () => {
        if (r.public && publicCalls) {
          const limiter = r.signedCaller === true ? publicCalls.signedCallers : publicCalls.guests;
          const verdict = await limiter.take(`${req.ip ?? 'unknown'}`);
          if (!verdict.allowed) {
            tooMany(res, verdict.retryAfterMs, 'Too many requests; try again shortly.');
            return;
          }
        }
        const actor = r.public ? anonymousActor : (res.locals.actor as Actor | undefined);
        if (!actor) {
          sendProblem(res, { title: 'Unauthorized', status: 401, detail: 'Please sign in.' });
          return;
        }
        if (r.adminWrite) {
          const verdict = await adminWrites.take(`${actor.subject}`);
          if (!verdict.allowed) {
            tooMany(res, verdict.retryAfterMs, 'Too many changes; try again shortly.');
            return;
          }
        }
        const limit = r.personLimit;
        const verdict = limit && (await perPerson[limit]?.take(actor.userId ?? actor.subject));
        if (limit && verdict && !verdict.allowed) {
          tooMany(res, verdict.retryAfterMs, overLimit[limit]);
          return;
        }
        const problems: { path: string; message: string }[] = [];
        const parse = (schema: z.ZodType | undefined, value: unknown, where: string): unknown => {
          if (!schema) return undefined;
          const malformed = malformedText(value, where);
          if (malformed.length > 0) {
            problems.push(...malformed);
            return undefined;
          }
          const result = schema.safeParse(value);
          if (result.success) return result.data;
          problems.push(...issues(where, result.error));
          return undefined;
        };
        const params = parse(r.params, req.params, 'params');
        const query = parse(r.query, req.query, 'query');
        const badRequest = (): void =>
          sendProblem(res, { title: 'Bad Request', status: 400, detail: 'The request is invalid.', errors: problems });
        const input = {
          params,
          query,
          body: undefined as unknown,
          actor,
          sessionId: r.public ? null : ((res.locals.session as { id?: string } | undefined)?.id ?? null),
          requestId: (res.locals.requestId as string | undefined) ?? null,
          now: Date.now(),
          req,
          res,
        };
        if (r.authorizeFirst) {
          if (problems.length > 0) return badRequest();
          await r.authorizeFirst({ ...input, body: undefined });
          if (r.body) await readJson(req, res);
        }
        input.body = r.rawBody ? undefined : parse(r.body, req.body ?? {}, 'body');
        if (problems.length > 0) return badRequest();
        const result = await r.handler(input);
        // A handler that streamed its answer (a file) has answered already.
        if (result.sent || res.headersSent) return;
        if (result.body === undefined) res.status(result.status ?? 204).end();
        else res.status(result.status ?? 200).json(result.body);
      })().catch((error: unknown) => {
        if (res.headersSent) {
          // A download that broke off midway: the client sees a cut connection, not a wrong file.
          res.destroy();
          return;
        }
        if (error instanceof DomainError) {
          const [status, title] = statusOfDomainError[error.kind];
          sendProblem(res, {
            ...(error.problemType ? { type: `${problemTypeBase}${error.problemType}` } : {}),
            title,
            status,
            detail: error.message,
            ...(error.details ? { details: error.details } : {}),
            // The limit itself, as an extension member clients read directly (RFC 9457).
            ...(error.kind === 'too-large' ? error.details : {}),
          });
          return;
        }
        next(error);
      });
    });
  }
  return router;
}

/**
 * Marks the requests of raw-body routes, and of routes that authorize before
 * reading their body, before the JSON parser runs, so the parser leaves their
 * stream alone (see app.ts).
 */
export function rawBodyMarker(routes: readonly ApiRoute[]): Router {
  const router = Router();
  for (const r of routes.filter((route) => route.rawBody || route.authorizeFirst)) {
    router[r.method](r.path, (_req: Request, res: Response, next: NextFunction) => {
      res.locals.rawBody = true;
      next();
    });
  }
  return router;
}
