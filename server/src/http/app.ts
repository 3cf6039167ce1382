import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { HealthProbe } from '../domain/ports/health.js';
import { clientApp } from './clientApp.js';
import { errorHandler, notFound } from './problem.js';
import { requestId } from './requestId.js';
import { appServiceRoutes } from './routes/appservice.js';
import { healthRoutes } from './routes/health.js';

export interface AppDeps {
  logger: Logger;
  probes: readonly HealthProbe[];
  readinessTimeoutMs: number;
  matrixHsToken: string;
  clientDistDir: string | undefined;
  /** Origins the browser may connect to besides our own (the homeserver). */
  connectSources: readonly string[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => String(res.getHeader('X-Request-Id')),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", ...deps.connectSources],
          imgSrc: ["'self'", 'data:', 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(deps.probes, deps.readinessTimeoutMs));
  app.use(appServiceRoutes(deps.matrixHsToken, deps.logger));
  app.use('/api', notFound);
  if (deps.clientDistDir) app.use(clientApp(deps.clientDistDir));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
