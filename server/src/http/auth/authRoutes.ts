import { timingSafeEqual } from 'node:crypto';
import type { logoutOut, session as sessionOut } from '@arbeitsbereich/contract';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Actor } from '../../domain/actor.js';
import { isSignInError } from '../../domain/ports/signIn.js';
import { sendProblem } from '../problem.js';
import {
  loginCookieName,
  loginCookieOptions,
  readCookie,
  sessionCookieName,
  sessionCookieOptions,
  SIGN_OUT_CLEAR_SITE_DATA,
} from './cookies.js';
import type { SignInRateLimiter } from './signInRateLimiter.js';
import { safeReturnTo, uiLocale } from './returnTo.js';
import type { ResolvedSession, SessionManager } from '../../commands/sessions/sessionManager.js';

export interface AuthDeps {
  sessions: SessionManager;
  /** The workspace's public base URL (no trailing slash). */
  publicUrl: string;
  logger: Logger;
  rateLimiter: SignInRateLimiter;
}

export interface Auth {
  /** Reads the session cookie; puts `res.locals.session` and `res.locals.actor` when it is valid. */
  session: RequestHandler;
  /** Refuses state-changing requests of a session without the CSRF token or from another origin. */
  csrf: RequestHandler;
  /** /auth/login, /auth/callback, /auth/logout, /auth/backchannel-logout and GET /api/session. */
  routes: Router;
  /**
   * The person a request's session cookie belongs to, for connections outside Express (sockets):
   * it validates and never renews, so re-checks of an open tab do not keep a session alive.
   */
  actorOf: (req: Pick<Request, 'headers'>) => Promise<Actor | undefined>;
  /** The same for something the person did over a socket (an edit): it counts as their activity. */
  activeActorOf: (req: Pick<Request, 'headers'>) => Promise<Actor | undefined>;
}

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
/** Sent by the client on requests it made without the person (ADR 0026). */
const ACTIVITY_HEADER = 'x-workspace-activity';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session of this request, if it has a valid one. */
export function sessionOf(res: Response): ResolvedSession | undefined {
  return res.locals.session as ResolvedSession | undefined;
}

/** Answers 401 problem+json unless the request has a valid session. */
export const requireActor: RequestHandler = (_req, res, next) => {
  if (res.locals.actor === undefined) {
    sendProblem(res, { title: 'Unauthorized', status: 401, detail: 'Please sign in.' });
    return;
  }
  next();
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Express handlers for an async function, passing errors to the error handler. */
function handle(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch(next);
  };
}

export function createAuth(deps: AuthDeps): Auth {
  const { sessions, publicUrl, logger, rateLimiter } = deps;
  const secure = publicUrl.startsWith('https:');
  const publicOrigin = new URL(publicUrl).origin;
  const redirectUri = `${publicUrl}/auth/callback`;
  const SESSION_COOKIE = sessionCookieName(secure);
  const LOGIN_COOKIE = loginCookieName(secure);
  const sessionCookie = sessionCookieOptions(secure);
  const loginCookie = loginCookieOptions(secure, sessions.settings.pendingLoginTtlMs);

  const requestIdOf = (res: Response): string | null => (res.locals.requestId as string | undefined) ?? null;

  const lookUp = async (req: Request, res: Response): Promise<void> => {
    const value = readCookie(req, SESSION_COOKIE);
    if (value !== undefined) {
      // A request the page made by itself (a reload after a live event) does not renew the session.
      const activity = req.get(ACTIVITY_HEADER) !== 'background';
      const result = COOKIE_VALUE.test(value)
        ? await sessions.resolve(value, { activity })
        : ({ ended: 'unknown' } as const);
      if ('session' in result) {
        res.locals.session = result.session;
        res.locals.actor = result.session.actor;
      } else {
        if (result.ended !== 'unknown') logger.info({ reason: result.ended }, 'session ended');
        res.clearCookie(SESSION_COOKIE, sessionCookie);
      }
    }
  };
  const session: RequestHandler = (req, res, next) => {
    lookUp(req, res).then(() => next(), next);
  };

  const resolveCookie = async (req: Pick<Request, 'headers'>, activity: boolean): Promise<Actor | undefined> => {
    const value = readCookie(req, SESSION_COOKIE);
    if (value === undefined || !COOKIE_VALUE.test(value)) return undefined;
    const result = await sessions.resolve(value, { activity });
    return 'session' in result ? result.session.actor : undefined;
  };
  /** Who a request's cookie belongs to, without counting as their activity (socket re-checks). */
  const actorOf = (req: Pick<Request, 'headers'>) => resolveCookie(req, false);
  /** The same, counted as the person's activity (they edited a document over its socket). */
  const activeActorOf = (req: Pick<Request, 'headers'>) => resolveCookie(req, true);

  const csrf: RequestHandler = (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // Server-to-server calls with their own authentication.
    if (req.path === '/auth/backchannel-logout' || req.path.startsWith('/_matrix/app/')) return next();
    const current = sessionOf(res);
    if (current === undefined) return next();
    const origin = req.get('origin');
    if (origin !== undefined && origin !== publicOrigin) {
      sendProblem(res, { title: 'Forbidden', status: 403, detail: 'Cross-origin request refused.' });
      return;
    }
    const token = req.get('x-csrf-token');
    if (token === undefined || !sameSecret(token, current.csrfToken)) {
      sendProblem(res, {
        title: 'Forbidden',
        status: 403,
        detail: 'Missing or wrong X-CSRF-Token header (see GET /api/session).',
      });
      return;
    }
    next();
  };

  const startSignIn = async (
    req: Request,
    res: Response,
    options: { returnTo: string; locale: 'de' | 'en' | undefined; secondFactor: boolean },
  ): Promise<void> => {
    try {
      const started = await sessions.startSignIn({
        browserBinding: readCookie(req, LOGIN_COOKIE),
        redirectUri,
        ...options,
      });
      res.cookie(LOGIN_COOKIE, started.browserBinding, loginCookie);
      res.redirect(303, started.authorizationUrl);
    } catch (error) {
      if (!isSignInError(error)) throw error;
      logger.warn({ err: error }, 'sign-in could not start');
      res.redirect(303, '/?signin=unavailable');
    }
  };

  const routes = Router();
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  routes.get(
    '/auth/login',
    rateLimiter.middleware('login'),
    noStore,
    handle(async (req, res) => {
      // Always a fresh sign-in, also when signed in: a planted session is never adopted.
      // `secondFactor=1` asks the identity provider for the second factor (step-up, ADR 0025).
      await startSignIn(req, res, {
        returnTo: safeReturnTo(req.query.returnTo, publicUrl),
        locale: uiLocale(req.query.lang),
        secondFactor: req.query.secondFactor === '1',
      });
    }),
  );

  routes.get(
    '/auth/callback',
    rateLimiter.middleware('callback'),
    noStore,
    handle(async (req, res) => {
      const outcome = await sessions.completeSignIn({
        callbackUrl: new URL(req.originalUrl, `${publicUrl}/`),
        browserBinding: readCookie(req, LOGIN_COOKIE),
        previousCookieValue: readCookie(req, SESSION_COOKIE),
        requestId: requestIdOf(res),
      });
      switch (outcome.kind) {
        case 'signed-in': {
          res.cookie(SESSION_COOKIE, outcome.cookieValue, sessionCookie);
          if (outcome.stepUp) {
            // An admin (or a person of a tenant that requires it) signed in without the second
            // factor: ask for it right away. Until it is given, the session holds only what needs none.
            await startSignIn(req, res, {
              returnTo: outcome.returnTo,
              locale: undefined,
              secondFactor: true,
            });
            return;
          }
          res.redirect(303, outcome.returnTo);
          return;
        }
        case 'denied': {
          res.clearCookie(SESSION_COOKIE, sessionCookie);
          res.redirect(303, '/?signin=denied');
          return;
        }
        case 'failed':
          logger.warn({ reason: outcome.reason, detail: outcome.detail }, 'sign-in failed');
          res.redirect(303, outcome.reason === 'unavailable' ? '/?signin=unavailable' : '/?signin=failed');
          return;
      }
    }),
  );

  routes.post(
    '/auth/logout',
    noStore,
    handle(async (req, res) => {
      const value = readCookie(req, SESSION_COOKIE);
      const current = sessionOf(res);
      res.clearCookie(SESSION_COOKIE, sessionCookie);
      res.setHeader('Clear-Site-Data', SIGN_OUT_CLEAR_SITE_DATA);
      const home = `${publicUrl}/`;
      if (value === undefined || current === undefined) {
        res.json({ redirect: home } satisfies z.input<typeof logoutOut>);
        return;
      }
      const ended = await sessions.end(value, { actor: current.actor, requestId: requestIdOf(res) });
      let redirect = home;
      try {
        redirect = await sessions.signOutUrl(ended?.idToken ?? null, home);
      } catch (error) {
        // Our session is gone either way; the provider's ends at its own idle timeout.
        logger.warn({ err: error }, 'no end-session URL: identity provider unavailable');
      }
      res.json({ redirect } satisfies z.input<typeof logoutOut>);
    }),
  );

  routes.post(
    '/auth/backchannel-logout',
    express.urlencoded({ extended: false, limit: '32kb' }),
    noStore,
    handle(async (req, res) => {
      const token = (req.body as Record<string, unknown> | undefined)?.logout_token;
      if (typeof token !== 'string' || token === '') {
        sendProblem(res, { title: 'Bad Request', status: 400, detail: 'logout_token is missing.' });
        return;
      }
      let notice;
      try {
        notice = await sessions.verifyLogoutToken(token);
      } catch (error) {
        if (!isSignInError(error)) throw error;
        logger.warn({ reason: error.message }, 'back-channel logout refused');
        if (error.reason === 'unavailable') {
          sendProblem(res, { title: 'Service Unavailable', status: 503, detail: 'Cannot verify the token now.' });
        } else {
          sendProblem(res, { title: 'Bad Request', status: 400, detail: 'The logout token is not valid.' });
        }
        return;
      }
      const ended = await sessions.endFromProvider(notice, requestIdOf(res));
      logger.info({ sessions: ended.length, sid: notice.providerSessionId }, 'back-channel logout');
      res.status(200).end();
    }),
  );

  routes.get('/api/session', noStore, (_req, res) => {
    const current = sessionOf(res);
    if (current === undefined) {
      res.json({ authenticated: false } satisfies z.input<typeof sessionOut>);
      return;
    }
    res.json({
      authenticated: true,
      actor: current.actor,
      csrfToken: current.csrfToken,
      secondFactor: current.secondFactor,
      idleMinutes: sessions.idleMs / 60_000,
    } satisfies z.input<typeof sessionOut>);
  });

  return { session, csrf, routes, actorOf, activeActorOf };
}
