import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../domain/actor.js';
import type { ApiResponses, ExactCheck, ResultFor } from './apiResult.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Work a person may ask for only so often (each its own count per person and minute). */
export const personLimits = ['uploads', 'exports', 'shares', 'meetingEvents', 'invitations'] as const;
export type PersonLimit = (typeof personLimits)[number];

export interface ApiInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  /** The key of the caller's workspace session; null on public routes. */
  sessionId: string | null;
  requestId: string | null;
  now: number;
  req: Request;
  res: Response;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  /** The handler has answered itself (a streamed download); nothing more to send. */
  sent?: boolean;
}

/**
 * One API route: its validation schemas are the single source of both the
 * runtime checks and the OpenAPI document, so the two cannot drift apart.
 */
export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends ApiResponses = ApiResponses,
  H extends ApiResult = ApiResult,
> {
  method: HttpMethod;
  /** Express-style path below /api, e.g. `/tenants/:tenantId`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The request body is the raw bytes of a file, left unread for the handler
   * to stream (`req` is the stream); no JSON parser touches it.
   */
  rawBody?: { description: string };
  adminWrite?: boolean;
  /** Counted per person against this limit; over it the answer is 429 with Retry-After. */
  personLimit?: PersonLimit;
  /**
   * Checks, before the body is read, that the caller may use the route at
   * all (the command checks again): a caller without the right gets 403 or
   * 404 and their body, however large or malformed, is never parsed.
   */
  authorizeFirst?: (input: ApiInput<z.output<P>, z.output<Q>, undefined>) => Promise<void>;
  /**
   * Open without a session (guest links): rate limited per address; the
   * handler gets the anonymous actor, whom the policy allows nothing.
   */
  public?: boolean;
  /**
   * A public route whose caller signs every call (LiveKit's webhooks; the handler checks the
   * signature): counted per address against a limit of its own, so a busy video server never
   * uses up the guests' count, nor they its.
   */
  signedCaller?: boolean;
  responses: R;
  handler: (input: ApiInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<H>;
}

/**
 * Keeps a route's types: what the handler answers must be what `responses` promise (the
 * output type of the status' schema, or no body), and the body has no field the schema lacks.
 */
export function route<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends ApiResponses,
  const H extends ResultFor<R>,
>(spec: ApiRoute<P, Q, B, R, H>, ..._exact: ExactCheck<H, R>): ApiRoute {
  return spec as unknown as ApiRoute;
}
