import type { Logger } from 'pino';
import { retryHint } from '../domain/outbox.js';
import type { IdentityChangeFeed, IdentityUserChange } from '../domain/ports/identity.js';

export type SignedOutReason = 'disabled' | 'deleted';

export interface IdentityEventsWatcherOptions {
  feed: IdentityChangeFeed;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  pollMs: number;
  /**
   * Told after a user was disabled (and their provider sessions ended) or
   * deleted in the identity provider, to end the backend's own sessions too,
   * in case the provider's back-channel logout does not reach us.
   */
  onUserSignedOut?: (userId: string, reason: SignedOutReason) => Promise<void>;
  now?: () => number;
  /** At start, changes this far back are looked at (a disable while the backend was down). */
  lookbackMs?: number;
  /** Each poll looks this far behind the newest change seen, for records that become visible late. */
  overlapMs?: number;
  pageSize?: number;
}

/** Failures are logged once per outage (and again every this often), not on every tick. */
const REPEAT_WARNING_MS = 60_000;
const MAX_PAGES_PER_TICK = 10;

/**
 * Watches the identity provider's record of user changes and ends the
 * sessions of a user who was disabled there — e.g. by an operator in
 * Keycloak's admin console, which by itself sends no back-channel logout.
 * Ending the user's provider sessions makes the provider notify every client
 * (this backend, Synapse) through back-channel logout.
 *
 * A high-water mark (the newest change handled, with the ids of changes near
 * it) makes each change handled once; a failure leaves the mark where it was,
 * so the next poll tries again — Keycloak being down only delays the reaction.
 * A disable is acted on only while the user is still disabled, so replaying an
 * old change after a restart never signs out someone enabled again since.
 */
export class IdentityEventsWatcher {
  readonly #options: IdentityEventsWatcherOptions;
  readonly #now: () => number;
  readonly #overlapMs: number;
  readonly #pageSize: number;
  /** Changes at or after this time (minus the overlap) are still to be looked at. */
  #mark: number;
  /** Ids of handled changes within the overlap window, with their times. */
  readonly #seen = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #failingSince: number | undefined;
  #lastWarningAt = 0;

  constructor(options: IdentityEventsWatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#overlapMs = options.overlapMs ?? 15_000;
    this.#pageSize = options.pageSize ?? 100;
    this.#mark = this.#now() - (options.lookbackMs ?? 10 * 60_000);
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** One poll: handles every new change; never throws (failures are logged and retried next poll). */
  async tick(): Promise<void> {
    try {
      await this.#poll();
      if (this.#failingSince !== undefined) {
        this.#options.logger.info(
          { downForMs: this.#now() - this.#failingSince },
          'identity provider change feed readable again',
        );
        this.#failingSince = undefined;
      }
    } catch (error) {
      const now = this.#now();
      this.#failingSince ??= now;
      if (now - this.#lastWarningAt >= REPEAT_WARNING_MS) {
        this.#lastWarningAt = now;
        this.#options.logger.warn({ err: error }, 'cannot read the identity provider change feed; will retry');
      }
    }
  }

  async #poll(): Promise<void> {
    let since = this.#mark - this.#overlapMs;
    for (let page = 0; page < MAX_PAGES_PER_TICK; page += 1) {
      const changes = await this.#options.feed.userChangesSince(since, this.#pageSize);
      for (const change of changes) {
        if (this.#seen.has(change.id)) continue;
        await this.#handle(change);
        this.#seen.set(change.id, change.time);
        if (change.time > this.#mark) this.#mark = change.time;
      }
      const last = changes.at(-1);
      if (changes.length < this.#pageSize || last === undefined || last.time <= since) break;
      since = last.time;
    }
    for (const [id, time] of this.#seen) {
      if (time < this.#mark - 2 * this.#overlapMs) this.#seen.delete(id);
    }
  }

  /** Handles one change; throws only when trying again later can help. */
  async #handle(change: IdentityUserChange): Promise<void> {
    const { feed, logger, onUserSignedOut } = this.#options;
    try {
      if (change.kind === 'deleted') {
        logger.info({ userId: change.userId }, 'user deleted in the identity provider: ending their sessions');
        await onUserSignedOut?.(change.userId, 'deleted');
        return;
      }
      if (change.enabled !== false) return;
      if ((await feed.isUserEnabled(change.userId)) === true) return; // enabled again since
      logger.info({ userId: change.userId }, 'user disabled in the identity provider: ending their sessions');
      await feed.endUserSessions(change.userId);
      await onUserSignedOut?.(change.userId, 'disabled');
    } catch (error) {
      if (retryHint(error).retryable) throw error;
      logger.warn({ err: error, userId: change.userId }, 'could not end the sessions of a changed user');
    }
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.tick().finally(() => this.#schedule(this.#options.pollMs));
    }, delay);
    this.#timer.unref();
  }
}
