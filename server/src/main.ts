// Composition root: the only place that builds concrete adapters and wires them.
import http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig } from './config/loadConfig.js';
import type { Config } from './config/configSchema.js';
import { createLogger } from './logger.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { DatabaseProbe } from './db/databaseProbe.js';
import { createStore } from './db/store.js';
import type { Notifier } from './domain/ports/notifier.js';
import { startRealtime } from './realtime/socketServer.js';
import { startCollab } from './realtime/collab/collabServer.js';
import { fanOut } from './realtime/notifierFanOut.js';
import { collabRepository } from './db/collabRepository.js';
import { provisioningHandlers } from './commands/provisioning/provisioningHandlers.js';
import { seedDemoTenant } from './commands/tenants/demoSeeder.js';
import { KeycloakChangeFeed, KeycloakDirectory } from './adapters/keycloak/index.js';
import { MatrixChatRooms } from './adapters/matrix/index.js';
import { OidcSignIn } from './adapters/oidc/index.js';
import { JitsiTokens } from './adapters/jitsi/index.js';
import type { MeetingTokens } from './domain/ports/meetings.js';
import { createHmac } from 'node:crypto';
import { IdentityEventsWatcher } from './jobs/identityEventsWatcher.js';
import { buildSignIn } from './http/auth/index.js';
import { OutboxWorker } from './jobs/outboxWorker.js';
import { startAuditRetention } from './jobs/auditRetention.js';
import { startRoomReconciler } from './jobs/roomReconciler.js';
import { createApp } from './http/app.js';

const EX_CONFIG = 78;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
}

/** The Jitsi deployment's token maker, or null when JITSI_DOMAIN is unset (the embedded default). */
/** Where browsers reach the Jitsi deployment: https, or http for a local address (tests, development). */
function meetingOrigin(domain: string): string {
  const host = domain.replace(/:\d+$/, '').toLowerCase();
  return `${host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https'}://${domain}`;
}

function meetingTokens(config: Config): MeetingTokens | null {
  if (!config.JITSI_DOMAIN || !config.JITSI_APP_ID) return null;
  const common = {
    domain: config.JITSI_DOMAIN,
    appId: config.JITSI_APP_ID,
    audience: config.JITSI_AUDIENCE,
    subject: config.JITSI_SUBJECT,
    lifetimeMinutes: config.JITSI_TOKEN_MINUTES,
  };
  if (config.JITSI_APP_SECRET) {
    return new JitsiTokens({ ...common, signing: { algorithm: 'HS256', secret: config.JITSI_APP_SECRET } });
  }
  if (config.JITSI_PRIVATE_KEY_FILE && config.JITSI_KEY_ID) {
    try {
      return JitsiTokens.fromKeyFile({
        ...common,
        privateKeyFile: config.JITSI_PRIVATE_KEY_FILE,
        keyId: config.JITSI_KEY_ID,
      });
    } catch (error) {
      process.stderr.write(
        `Invalid configuration:\n  - JITSI_PRIVATE_KEY_FILE cannot be read as a PEM private key (${
          error instanceof Error ? error.message : String(error)
        })\n`,
      );
      process.exit(EX_CONFIG);
    }
  }
  return null;
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);

  const db = openDatabase(config.DATABASE_URL);
  const applied = await migrateToLatest(db);
  for (const m of applied) logger.info({ migration: m.migrationName, status: m.status }, 'migration');

  const identity = new KeycloakDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
    ...(config.KEYCLOAK_MANAGEMENT_URL ? { managementUrl: config.KEYCLOAK_MANAGEMENT_URL } : {}),
  });
  const tokens = meetingTokens(config);
  const chat = new MatrixChatRooms({
    homeserverUrl: config.MATRIX_HOMESERVER_URL,
    serverName: config.MATRIX_SERVER_NAME,
    asToken: config.MATRIX_AS_TOKEN,
    senderLocalpart: config.MATRIX_AS_SENDER_LOCALPART,
    adminToken: config.MATRIX_ADMIN_TOKEN,
  });
  // Events are published after each commit; the socket server joins once the HTTP server exists.
  const live: { notifier?: Notifier } = {};
  const store = createStore(db, { publish: (event) => live.notifier?.publish(event) });
  const provisioning = provisioningHandlers({ store, identity, chat });
  if (config.SEED_DEMO_TENANT && (await seedDemoTenant(store, Date.now()))) {
    logger.info('demo tenant seeded');
  }

  const worker = new OutboxWorker({
    db,
    handlers: provisioning.handlers,
    onFailed: provisioning.onFailed,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    concurrency: config.OUTBOX_CONCURRENCY,
  });
  const keycloakClient = {
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  };
  const signIn = buildSignIn({
    db,
    logger,
    provider: new OidcSignIn({ ...keycloakClient, issuer: `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}` }),
    publicUrl: config.PUBLIC_URL,
    sessionSecret: config.SESSION_SECRET,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    platformAdminRole: config.PLATFORM_ADMIN_ROLE,
    rateLimitPerMinute: config.SIGN_IN_RATE_LIMIT_PER_MINUTE,
  });
  // Keycloak sends no back-channel logout when a user is disabled; this watcher makes it.
  const identityEvents = new IdentityEventsWatcher({
    feed: new KeycloakChangeFeed(keycloakClient),
    logger,
    pollMs: config.IDENTITY_EVENTS_POLL_MS,
    onUserSignedOut: async (subject) => {
      await signIn.endAllOf(subject);
    },
  });
  const app = createApp({
    logger,
    probes: [new DatabaseProbe(db), identity, chat],
    readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
    matrixHsToken: config.MATRIX_HS_TOKEN,
    clientDistDir: config.CLIENT_DIST_DIR ?? path.resolve(import.meta.dirname, '../../client/dist'),
    connectSources: [config.MATRIX_PUBLIC_URL ?? config.MATRIX_HOMESERVER_URL],
    meetingOrigin: config.JITSI_DOMAIN === undefined ? undefined : meetingOrigin(config.JITSI_DOMAIN),
    auth: signIn.auth,
    store,
    chat,
    publicUrl: config.PUBLIC_URL,
    chatClient: {
      homeserverUrl: config.MATRIX_PUBLIC_URL ?? config.MATRIX_HOMESERVER_URL,
      serverName: config.MATRIX_SERVER_NAME,
      identityProviderId: config.MATRIX_SSO_IDP_ID,
      serviceUserId: chat.botUserId,
    },
    meetings: {
      tokens,
      // Guest links' secrets are made from this key: a new SESSION_SECRET ends every guest link.
      guestLinkKey: createHmac('sha256', config.SESSION_SECRET).update('guest-links').digest('base64url'),
      guestCallsPerMinute: config.GUEST_RATE_LIMIT_PER_MINUTE,
    },
  });

  const server = http.createServer(app);
  const sockets = startRealtime({ server, actorOf: signIn.auth.actorOf, publicUrl: config.PUBLIC_URL, logger });
  const collab = startCollab({
    server,
    actorOf: signIn.auth.actorOf,
    publicUrl: config.PUBLIC_URL,
    store,
    documents: collabRepository(db),
    logger,
  });
  live.notifier = fanOut([sockets, collab], (error) => logger.warn({ err: error }, 'event not delivered'));
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      logger.fatal(`Port ${config.PORT} on ${config.HOST} is already in use: stop the other process or set PORT.`);
    } else {
      logger.fatal({ err: error }, 'server failed to start');
    }
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ url: config.PUBLIC_URL, port: config.PORT }, 'workspace backend listening');
    worker.start();
    identityEvents.start();
    signIn.startHousekeeping();
    retention = startAuditRetention({ db, days: config.AUDIT_RETENTION_DAYS, logger });
    reconciler = startRoomReconciler({ store, chat, logger, intervalMs: config.RECONCILE_INTERVAL_MS });
  });
  let retention: { stop: () => void } | undefined;
  let reconciler: { stop: () => void } | undefined;

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('shutdown took too long, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    retention?.stop();
    reconciler?.stop();
    void sockets.close();
    // Open text documents are stored before the database closes.
    const collabClosed = collab.close();
    server.close(() => {
      void Promise.all([worker.stop(), identityEvents.stop(), collabClosed])
        .then(() => db.destroy())
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Backend failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
