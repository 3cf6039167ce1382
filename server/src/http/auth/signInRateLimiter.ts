import type { RequestHandler } from 'express';
import { sendProblem } from '../problem.js';
import { fixedWindowLimiter, type RateLimiter, type RateLimiters } from '../rateLimit.js';

/**
 * Sign-in requests counted per client address (one fixed-window counter, the
 * same kind that limits admin writes; in Redis when replicas share the count).
 * Behind a trusted reverse proxy (TRUST_PROXY), `req.ip` is the client's
 * address from X-Forwarded-For.
 */
export class SignInRateLimiter {
  readonly #limiter: RateLimiter;

  /** `limiters`: where the counts are kept; default: this process's memory, on the clock `now`. */
  constructor(options: { limit: number; windowMs: number; limiters?: RateLimiters; now?: () => number }) {
    this.#limiter = options.limiters
      ? options.limiters('sign-in', options.limit, options.windowMs)
      : fixedWindowLimiter(options.limit, options.windowMs, options.now);
  }

  /** Counts one request; returns 0 when allowed, else the milliseconds until the next is. */
  async take(key: string): Promise<number> {
    const verdict = await this.#limiter.take(key);
    return verdict.allowed ? 0 : verdict.retryAfterMs;
  }

  /** Express middleware counting requests of `bucket` per client address; 429 problem+json when over. */
  middleware(bucket: string): RequestHandler {
    return (req, res, next) => {
      void this.take(`${bucket}:${req.ip ?? 'unknown'}`).then((waitMs) => {
        if (waitMs === 0) {
          next();
          return;
        }
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
        sendProblem(res, {
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many sign-in attempts from this address; try again shortly.',
        });
      }, next);
    };
  }
}
