import { timingSafeEqual } from 'node:crypto';
import { noLegalLinks, type ChatServerConfig, type ClientConfig, type LegalLinks } from '@arbeitsbereich/contract';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { HealthProbe } from '../domain/ports/health.js';
import type { Store } from '../domain/ports/store.js';
import type { ChatRooms } from '../domain/ports/chat.js';
import type { IdentityDirectory } from '../domain/ports/identity.js';
import type { ChatDevices } from '../domain/ports/chatDevices.js';
import type { DocumentsDeps } from '../commands/documents/documentAccess.js';
import { logSerializers } from '../logRedaction.js';
import type { Metrics } from '../observability/metrics.js';
import type { RateLimiters } from './rateLimit.js';
import { api, type DocumentActionDeps, type MeetingApiDeps, type PersonRateLimits } from './api/index.js';
import { JSON_BODY_LIMIT } from './api/apiRouter.js';
import type { Auth } from './auth/index.js';
import { clientApp } from './clientApp.js';
import { errorHandler, notFound } from './problem.js';
import { requestId } from './requestId.js';
import { appServiceRoutes } from './routes/appservice.js';
import { healthRoutes } from './routes/health.js';
import { wopiRoutes } from './wopi/wopiRoutes.js';

export interface AppDeps {
  logger: Logger;
  /** Express's `trust proxy`: which proxies may name the client's address (TRUST_PROXY); default none. */
  trustProxy?: false | number | readonly string[];
  probes: readonly HealthProbe[];
  readinessTimeoutMs: number;
  /** Monitoring's key to each part's state on /readyz. */
  operatorToken?: string | undefined;
  matrixHsToken: string;
  clientDistDir: string | undefined;
  /** Origins the browser may connect to besides our own (the homeserver). */
  connectSources: readonly string[];
  /** The Jitsi deployment's origin, whose external_api.js and meeting frame the client embeds; none without Jitsi. */
  meetingOrigin?: string | undefined;
  /** Sign-in, sessions and CSRF protection; without it every request is anonymous. */
  auth?: Auth;
  store: Store;
  chat: ChatRooms;
  /** The sign-in directory, asked whether a new person's sign-in name is held outside the workspace. */
  identity: IdentityDirectory;
  /** People's own chat devices, which they may remove. */
  chatDevices: ChatDevices;
  publicUrl: string;
  /** What the browser needs to reach the chat: the homeserver as browsers see it and its login. */
  chatClient: ChatServerConfig;
  /** The installation's legal pages and accessibility contact, shown on every screen; default: none. */
  legal?: LegalLinks;
  /** Video meetings: the Jitsi deployment's tokens (or none) and the guest links' key. */
  meetings: MeetingApiDeps;
  /** The rooms' document libraries: file storage, format recognition, the default upload limit. */
  documents: DocumentsDeps;
  /** Previews, exports, sharing and the WOPI host. */
  documentActions: DocumentActionDeps;
  /** Uploads, exports, shares and meeting events per person and minute; unset: unlimited. */
  personRateLimits?: PersonRateLimits;
  /** Where request counts are kept (Redis when several replicas share them); default: this process's memory. */
  rateLimiters?: RateLimiters;
  /** Prometheus metrics on /metrics, for the same readers as the readiness details. */
  metrics?: Metrics;
}

/** API answers that are the same for everyone and hold nothing secret: caches may keep them. */
const publicApiPaths: ReadonlySet<string> = new Set(['/openapi.json', '/client-config']);

/** Whether the request's session is a platform admin's; a session that cannot be read now is nobody's. */
/** Whether the request may read each part's state: the operator's monitoring key, or a signed-in platform admin. */
async function mayReadReadiness(
  auth: Auth | undefined,
  operatorToken: string | undefined,
  req: Request,
): Promise<boolean> {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (operatorToken !== undefined && bearer !== undefined) {
    const [given, wanted] = [Buffer.from(bearer), Buffer.from(operatorToken)];
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  if (!auth) return false;
  try {
    return (await auth.actorOf(req))?.platformAdmin === true;
  } catch {
    return false;
  }
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // The client's address (rate limits) comes from X-Forwarded-For only through proxies the operator named.
  app.set('trust proxy', Array.isArray(deps.trustProxy) ? [...deps.trustProxy] : (deps.trustProxy ?? false));
  app.use(requestId);
  if (deps.metrics) app.use(deps.metrics.httpTimer);
  app.use(
    pinoHttp({
      logger: deps.logger,
      // The request log shows a redacted URL and allowed headers only: no cookie, token or guest-link secret.
      serializers: logSerializers,
      genReqId: (_req, res) => String(res.getHeader('X-Request-Id')),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", ...deps.connectSources],
          // The chat's end-to-end encryption is compiled to WebAssembly.
          scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...(deps.meetingOrigin ? [deps.meetingOrigin] : [])],
          // The meeting runs in the Jitsi deployment's own frame.
          frameSrc: ["'self'", ...(deps.meetingOrigin ? [deps.meetingOrigin] : [])],
          // The editor (TipTap) puts its own <style> element into the page; no styles or fonts from elsewhere.
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'"],
          // No <base> element may move where relative URLs point (ASVS 3.4.3).
          baseUri: ["'none'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          // Decrypted attachments are shown from blob: URLs.
          mediaSrc: ["'self'", 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  const apiParts = api(
    deps.store,
    { chat: deps.chat, identity: deps.identity, chatDevices: deps.chatDevices },
    deps.publicUrl,
    deps.meetings,
    deps.documents,
    deps.documentActions,
    deps.personRateLimits,
    undefined,
    deps.rateLimiters,
  );
  // Uploads stream their raw body to the handler: the JSON parser must not read it, whatever its Content-Type.
  app.use('/api', apiParts.rawBodies);
  const json = express.json({ limit: JSON_BODY_LIMIT });
  app.use((req, res, next) => {
    if (res.locals.rawBody === true) next();
    else json(req, res, next);
  });

  app.use(
    healthRoutes(deps.probes, deps.readinessTimeoutMs, (req) => mayReadReadiness(deps.auth, deps.operatorToken, req)),
  );
  const metrics = deps.metrics;
  if (metrics) {
    app.get('/metrics', async (req, res, next) => {
      try {
        // Anyone else gets what an unknown path gets: the metrics name internal job kinds and counts.
        if (!(await mayReadReadiness(deps.auth, deps.operatorToken, req))) {
          notFound(req, res, next);
          return;
        }
        res.setHeader('Cache-Control', 'no-store');
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      } catch (error) {
        next(error);
      }
    });
  }
  app.use(appServiceRoutes(deps.matrixHsToken, deps.logger));
  // The office suite calls the WOPI host server-to-server with its access token, never with a session.
  if (deps.documentActions.wopi.tokens) {
    app.use(
      '/wopi',
      wopiRoutes(deps.documentActions.wopi, (error) => deps.logger.error({ err: error }, 'WOPI call failed')),
    );
  }
  // What the API answers depends on who asks: no cache, shared or the browser's, may keep it.
  app.use('/api', (req, res, next) => {
    if (!publicApiPaths.has(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (deps.auth) app.use(deps.auth.session, deps.auth.csrf, deps.auth.routes);
  // Public facts, the same for everyone: no session needed, nothing secret.
  app.get('/api/client-config', (_req, res) => {
    const config: ClientConfig = {
      chat: deps.chatClient,
      meetings: { domain: deps.meetings.tokens?.domain ?? null, provider: deps.meetings.tokens?.provider ?? null },
      legal: deps.legal ?? noLegalLinks,
    };
    res.json(config);
  });
  app.use('/api', apiParts.router);
  app.use('/api', notFound);
  if (deps.clientDistDir) app.use(clientApp(deps.clientDistDir));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
