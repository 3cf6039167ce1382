import type { Logger } from 'pino';
import { SessionManager, defaultSessionSettings } from '../../commands/sessions/sessionManager.js';
import { TokenCipher } from '../../commands/sessions/tokenCipher.js';
import type { SessionStore } from '../../domain/ports/sessions.js';
import type { ProviderSessions, SignInProvider } from '../../domain/ports/signIn.js';
import type { Store } from '../../domain/ports/store.js';
import { createAuth, type Auth } from './authRoutes.js';
import { SignInRateLimiter } from './signInRateLimiter.js';
import type { RateLimiters } from '../rateLimit.js';

export interface SignInSetup {
  sessionStore: SessionStore;
  store: Store;
  logger: Logger;
  provider: SignInProvider;
  /** The provider's live sessions (Keycloak's admin API), compared after a back-channel logout. */
  providerSessions?: ProviderSessions;
  publicUrl: string;
  sessionSecret: string;
  idleMinutes: number;
  absoluteHours: number;
  platformAdminRole: string;
  /** The ID token's acr of a sign-in with a second factor. */
  secondFactorAcr: string;
  /** Sign-in requests (each of /auth/login and /auth/callback) per client address and minute. */
  rateLimitPerMinute: number;
  /** Where request counts are kept; default: this process's memory. */
  rateLimiters?: RateLimiters;
}

export interface SignIn {
  auth: Auth;
  sessions: SessionManager;
  /** Ends every backend session of a person (by the provider's subject); returns how many. */
  endAllOf(subject: string): Promise<number>;
}

/** Builds sign-in and sessions from the configuration: what main.ts wires into the app. */
export function buildSignIn(setup: SignInSetup): SignIn {
  const sessions = new SessionManager({
    sessions: setup.sessionStore,
    store: setup.store,
    provider: setup.provider,
    ...(setup.providerSessions ? { providerSessions: setup.providerSessions } : {}),
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
    publicUrl: setup.publicUrl,
    logger: setup.logger,
    rateLimiter: new SignInRateLimiter({
      limit: setup.rateLimitPerMinute,
      windowMs: 60_000,
      ...(setup.rateLimiters ? { limiters: setup.rateLimiters } : {}),
    }),
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
  };
}
