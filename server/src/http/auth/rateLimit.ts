import type { RequestHandler } from 'express';
import { sendProblem } from '../problem.js';

/**
 * A fixed-window counter per client address, in memory: enough for one backend
 * process (several replicas would each count on their own). Behind a reverse
 * proxy on loopback, `req.ip` is the client's address from X-Forwarded-For.
 */
export class SignInRateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { limit: number; windowMs: number; now?: () => number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one request; returns 0 when allowed, else the milliseconds until the next is. */
  take(key: string): number {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= this.#windowMs) {
      if (this.#windows.size >= 10_000) this.#sweep(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.#limit ? 0 : window.start + this.#windowMs - now;
  }

  /** Express middleware counting requests of `bucket` per client address; 429 problem+json when over. */
  middleware(bucket: string): RequestHandler {
    return (req, res, next) => {
      const waitMs = this.take(`${bucket}:${req.ip ?? 'unknown'}`);
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
    };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}
