import type { Logger } from 'pino';
import type { SignInProvider } from '../../domain/ports/signIn.js';
import type { Db } from '../../db/database.js';
import { createAuth, type Auth } from './authRoutes.js';
import { SignInRateLimiter } from './rateLimit.js';
import { SessionManager, defaultSessionSettings } from './sessionManager.js';
import { TokenCipher } from './tokenCipher.js';

export interface SignInSetup {
  db: Db;
  logger: Logger;
  provider: SignInProvider;
  publicUrl: string;
  sessionSecret: string;
  idleMinutes: number;
  absoluteHours: number;
  platformAdminRole: string;
  /** The ID token's acr of a sign-in with a second factor. */
  secondFactorAcr: string;
  /** Sign-in requests (each of /auth/login and /auth/callback) per client address and minute. */
  rateLimitPerMinute: number;
}

export interface SignIn {
  auth: Auth;
  sessions: SessionManager;
  /** Ends every backend session of a person (by the provider's subject); returns how many. */
  endAllOf(subject: string): Promise<number>;
  /**
   * Removes ended sessions (their chat devices are logged out with them) and abandoned sign-ins
   * every few minutes, more often when the idle time is short; returns a stop function.
   */
  startHousekeeping(): () => void;
}

/** How often housekeeping runs: a quarter of the idle time, between 15 seconds and 5 minutes. */
export function housekeepingEveryMs(idleMs: number): number {
  return Math.min(5 * 60_000, Math.max(15_000, Math.round(idleMs / 4)));
}

/** Builds sign-in and sessions from the configuration: what main.ts wires into the app. */
export function buildSignIn(setup: SignInSetup): SignIn {
  const sessions = new SessionManager({
    db: setup.db,
    provider: setup.provider,
    cipher: new TokenCipher(setup.sessionSecret),
    logger: setup.logger,
    settings: {
      ...defaultSessionSettings,
      idleMs: setup.idleMinutes * 60_000,
      absoluteMs: setup.absoluteHours * 3_600_000,
      platformAdminRole: setup.platformAdminRole,
      secondFactorAcr: setup.secondFactorAcr,
    },
  });
  const auth = createAuth({
    sessions,
    db: setup.db,
    publicUrl: setup.publicUrl,
    logger: setup.logger,
    rateLimiter: new SignInRateLimiter({ limit: setup.rateLimitPerMinute, windowMs: 60_000 }),
  });
  return {
    auth,
    sessions,
    endAllOf: async (subject) => {
      const ended = await sessions.endAllOf(subject);
      if (ended.length > 0)
        setup.logger.info({ subject, sessions: ended.length }, 'sessions of a signed-out user ended');
      return ended.length;
    },
    startHousekeeping: () => {
      // A session left idle ends here even when its browser never comes back, and its chat
      // devices with it: the session's end is late by at most one interval.
      const timer = setInterval(
        () => {
          sessions
            .purgeExpired()
            .catch((error: unknown) => setup.logger.warn({ err: error }, 'session housekeeping failed'));
        },
        housekeepingEveryMs(setup.idleMinutes * 60_000),
      );
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
