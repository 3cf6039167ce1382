// Composition root: the only place that builds concrete adapters and wires them.
import http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig } from './config/loadConfig.js';
import { meetingsProviderOf, type Config } from './config/configSchema.js';
import { createLogger, throttledWarning } from './logger.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { databaseProbe } from './db/databaseProbe.js';
import { createStore } from './db/store.js';
import { jobQueue } from './db/outboxRepository.js';
import { sessionStore } from './db/sessionRepository.js';
import { startSessionHousekeeping } from './jobs/sessionHousekeeping.js';
import { auditRetention } from './db/auditRepository.js';
import type { Notifier } from './domain/ports/notifier.js';
import { startRealtime } from './realtime/socketServer.js';
import { createMetrics } from './observability/metrics.js';
import { checkReadiness } from './commands/checkReadiness.js';
import { operationalStats } from './db/operationalStats.js';
import { startCollab } from './realtime/collab/collabServer.js';
import { fanOut } from './realtime/notifierFanOut.js';
import {
  collabScaling,
  commandConnection,
  queuingConnection,
  RedisEventBus,
  redisProbe,
  redisRateLimiters,
} from './adapters/redis/index.js';
import { collabRepository } from './db/collabRepository.js';
import { replaceTextContent, starterKitRenderer } from './adapters/collab/index.js';
import { provisioningHandlers } from './commands/provisioning/provisioningHandlers.js';
import { chatDeviceHandlers } from './commands/chat/chatDevices.js';
import { seedDemoTenant } from './commands/tenants/demoSeeder.js';
import { KeycloakChangeFeed, KeycloakDirectory, type RealmMailServer } from './adapters/keycloak/index.js';
import { MatrixChatDevices, MatrixChatRecords, MatrixChatRooms } from './adapters/matrix/index.js';
import { ZipArchiveWriter } from './adapters/zip/index.js';
import { privacyHandlers } from './commands/privacy/privacyHandlers.js';
import { OidcSignIn } from './adapters/oidc/index.js';
import { JitsiTokens } from './adapters/jitsi/index.js';
import { LiveKitControl, LiveKitTokens, LiveKitWebhooks } from './adapters/livekit/index.js';
import { meetingControlHandlers } from './commands/meetingControl.js';
import { LocalDiskStorage, S3Storage } from './adapters/storage/index.js';
import { fileTypeSniffer } from './adapters/fileType/index.js';
import type { FileStorage } from './domain/ports/files.js';
import type { MeetingTokens } from './domain/ports/meetings.js';
import { createHmac } from 'node:crypto';
import { IdentityEventsWatcher } from './jobs/identityEventsWatcher.js';
import { buildSignIn } from './http/auth/index.js';
import { OutboxWorker } from './jobs/outboxWorker.js';
import { startAuditRetention } from './jobs/auditRetention.js';
import { createLifecycle, startedPart } from './lifecycle.js';
import { startCountingPass } from './jobs/periodicPass.js';
import { upkeepPasses } from './jobs/upkeepPasses.js';
import { createApp } from './http/app.js';
import { SandboxUnavailableError, SofficeConverter } from './adapters/office/index.js';
import { JwtWopiTokens } from './adapters/wopi/index.js';
import { previewHandlers } from './commands/documents/previews.js';
import { scanHandlers } from './commands/documents/scans.js';
import { ClamdScanner, parseClamdUrl } from './adapters/clamav/index.js';
import { mailNoticeHandlers } from './commands/notices/mailNotices.js';
import { SmtpMail } from './adapters/mail/index.js';
import { IcalCalendarFiles } from './adapters/calendar/index.js';
import { jobKinds } from './domain/jobs/catalog.js';
import type { TextDocumentSource } from './domain/ports/textDocuments.js';
import type { LiveTextDocuments } from './domain/ports/collab.js';
import type { DocumentsDeps } from './commands/documents/documentAccess.js';
import { recordAutomaticVersion } from './commands/documents/textVersions.js';

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

/** Where browsers reach the Jitsi deployment: https, or http for a local address (tests, development). */
function meetingOrigin(domain: string): string {
  const host = domain.replace(/:\d+$/, '').toLowerCase();
  return `${host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https'}://${domain}`;
}

/** The mail server of the configuration (ADR 0041); undefined: none, no mail is sent. */
function mailServer(config: Config): RealmMailServer | undefined {
  if (config.SMTP_HOST === undefined || config.SMTP_FROM === undefined) return undefined;
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    from: config.SMTP_FROM,
    fromName: config.SMTP_FROM_NAME,
    tls: config.SMTP_TLS,
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
  };
}

/** The video system's token maker (ADR 0040): LiveKit's, Jitsi's, or null when none is configured. */
function meetingTokens(config: Config): MeetingTokens | null {
  const provider = meetingsProviderOf(config);
  if (provider === 'livekit' && config.LIVEKIT_URL && config.LIVEKIT_API_KEY && config.LIVEKIT_API_SECRET) {
    return new LiveKitTokens({
      url: config.LIVEKIT_URL,
      apiKey: config.LIVEKIT_API_KEY,
      apiSecret: config.LIVEKIT_API_SECRET,
      lifetimeMinutes: config.LIVEKIT_TOKEN_MINUTES,
    });
  }
  if (provider !== 'jitsi' || !config.JITSI_DOMAIN || !config.JITSI_APP_ID) return null;
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

/** Where documents' bytes live: local disk (the embedded default) or an S3-compatible bucket. */
function fileStorage(config: Config): FileStorage {
  if (config.STORAGE_DRIVER === 'local') return new LocalDiskStorage(path.resolve(config.STORAGE_DIR));
  return new S3Storage({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    // Checked by the configuration schema when STORAGE_DRIVER=s3.
    bucket: config.S3_BUCKET ?? '',
    accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);

  const converter = new SofficeConverter({
    sofficePath: config.SOFFICE_PATH,
    timeoutMs: config.CONVERSION_TIMEOUT_MS,
    concurrency: config.CONVERSION_CONCURRENCY,
    sandbox: {
      mode: config.CONVERSION_SANDBOX,
      bwrapPath: config.BWRAP_PATH,
      memoryLimitMb: config.CONVERSION_MEMORY_MB,
    },
  });
  // Uploaded documents are converted only in a working sandbox, unless the operator turned it off.
  try {
    await converter.checkSandbox();
  } catch (error) {
    if (!(error instanceof SandboxUnavailableError)) throw error;
    await converter.close();
    process.stderr.write(
      `Invalid configuration:\n  - CONVERSION_SANDBOX=${config.CONVERSION_SANDBOX}: ${error.message}\n`,
    );
    process.exit(EX_CONFIG);
  }
  if (config.CONVERSION_SANDBOX === 'off') {
    logger.warn('CONVERSION_SANDBOX=off: LibreOffice converts uploaded documents without a sandbox');
  }

  const lifecycle = createLifecycle((name, error) => logger.error({ err: error, part: name }, 'stopping failed'));
  const db = openDatabase(config.DATABASE_URL);
  lifecycle.add({ name: 'database', stop: () => db.destroy() });
  lifecycle.add({ name: 'document converter', stop: () => converter.close() });
  // Prometheus metrics (ADR 0036): database facts are read when scraped; conversions are timed here.
  const metrics = createMetrics({
    stats: operationalStats(db),
    parts: async () => (await checkReadiness(probes, config.READINESS_TIMEOUT_MS)).checks,
  });
  const timedConverter = metrics.timedConverter(converter);
  const applied = await migrateToLatest(db);
  for (const m of applied) logger.info({ migration: m.migrationName, status: m.status }, 'migration');

  // The admin API on the internal address if there is one; sign-in always on the issuer's public one.
  const keycloakAdminUrl = config.KEYCLOAK_INTERNAL_URL ?? config.KEYCLOAK_URL;
  const identity = new KeycloakDirectory({
    baseUrl: keycloakAdminUrl,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
    platformAdminRole: config.PLATFORM_ADMIN_ROLE,
    ...(config.KEYCLOAK_MANAGEMENT_URL ? { managementUrl: config.KEYCLOAK_MANAGEMENT_URL } : {}),
    // An invitation's link leads to the workspace's start page once the password is set (ADR 0041).
    invitation: {
      clientId: config.KEYCLOAK_CLIENT_ID,
      redirectUri: `${config.PUBLIC_URL}/`,
      lifespanSeconds: config.INVITATION_LIFESPAN_HOURS * 3600,
    },
  });
  const passwordPolicy = config.KEYCLOAK_PASSWORD_POLICY;
  if (passwordPolicy !== '') {
    // Keycloak may still be starting: the policy is tried again until it is in place.
    const applyPasswordPolicy = (): void => {
      identity.ensurePasswordPolicy(passwordPolicy).then(
        (changed) => logger.info({ changed }, 'Keycloak password policy in place'),
        (error: unknown) => {
          logger.warn({ err: error }, 'Keycloak password policy not set yet; trying again in 30 s');
          setTimeout(applyPasswordPolicy, 30_000).unref();
        },
      );
    };
    applyPasswordPolicy();
  }
  const mail = mailServer(config);
  if (mail !== undefined) {
    // Keycloak sends the invitations through the workspace's mail server (ADR 0041); tried again until it is set.
    const applyMailServer = (): void => {
      identity.ensureMailServer(mail).then(
        () => logger.info({ host: mail.host, port: mail.port }, 'Keycloak mail server in place'),
        (error: unknown) => {
          logger.warn({ err: error }, 'Keycloak mail server not set yet; trying again in 30 s');
          setTimeout(applyMailServer, 30_000).unref();
        },
      );
    };
    applyMailServer();
  }
  const tokens = meetingTokens(config);
  // Running meetings follow the workspace where the video system takes orders (ADR 0046): only a
  // backend on LiveKit claims those jobs, and only meetings held on LiveKit get them.
  const meetingControl =
    tokens?.provider === 'livekit' && config.LIVEKIT_URL && config.LIVEKIT_API_KEY && config.LIVEKIT_API_SECRET
      ? new LiveKitControl({
          url: config.LIVEKIT_URL,
          apiKey: config.LIVEKIT_API_KEY,
          apiSecret: config.LIVEKIT_API_SECRET,
        })
      : null;
  const storage = fileStorage(config);
  const chat = new MatrixChatRooms({
    homeserverUrl: config.MATRIX_HOMESERVER_URL,
    serverName: config.MATRIX_SERVER_NAME,
    asToken: config.MATRIX_AS_TOKEN,
    senderLocalpart: config.MATRIX_AS_SENDER_LOCALPART,
    adminToken: config.MATRIX_ADMIN_TOKEN,
    ssoProvider: config.MATRIX_SSO_IDP_ID,
  });
  // What /readyz and the metrics probe: the parts without which the workspace cannot work.
  // Several replicas (ADR 0038) share Redis: rate limits, workspace events and open documents.
  const redisUrl = config.REDIS_URL;
  const redisTrouble = throttledWarning(logger, 'Redis did not answer; rate limits let requests through meanwhile');
  const redis = redisUrl === undefined ? undefined : commandConnection(redisUrl, redisTrouble);
  if (redis) lifecycle.add({ name: 'redis', stop: () => redis.quit().then(() => undefined) });
  const probes = [databaseProbe(db), identity, chat, ...(redis ? [redisProbe(redis)] : [])];
  // Events are published after each commit; the socket server joins once the HTTP server exists.
  const live: { notifier?: Notifier } = {};
  const store = createStore(db, { publish: (event) => live.notifier?.publish(event) });
  const provisioning = provisioningHandlers({ store, identity, chat });
  // People's own chat devices: removed on request, and logged out when their workspace session ends.
  const chatDevices = new MatrixChatDevices({
    homeserverUrl: config.MATRIX_HOMESERVER_URL,
    asToken: config.MATRIX_AS_TOKEN,
    adminToken: config.MATRIX_ADMIN_TOKEN,
  });
  // A chat account's records for exports, and its erasure, through Synapse's admin API (ADR 0053).
  const chatRecords = config.MATRIX_ADMIN_TOKEN
    ? new MatrixChatRecords({
        homeserverUrl: config.MATRIX_HOMESERVER_URL,
        asToken: config.MATRIX_AS_TOKEN,
        adminToken: config.MATRIX_ADMIN_TOKEN,
      })
    : undefined;
  if (config.SEED_DEMO_TENANT && (await seedDemoTenant(store, Date.now()))) {
    logger.info('demo tenant seeded');
  }

  const files: FileStorage = storage;
  // Exports read an open document's live state (edits not yet stored included), else the stored one.
  const collabDocuments = collabRepository(db);
  const openDocuments: { stateOf?: (entryId: string) => Uint8Array | null } = {};
  const texts: TextDocumentSource = {
    html: async (entryId) =>
      starterKitRenderer.toHtml(openDocuments.stateOf?.(entryId) ?? (await collabDocuments.load(entryId))),
  };
  // Versions of text documents are taken from and restored into the collaboration server, made below.
  const liveTexts: { current?: LiveTextDocuments } = {};
  const lateLiveTexts: LiveTextDocuments = {
    snapshot: (entryId) => {
      if (!liveTexts.current) throw new Error('The collaboration server is not running yet');
      return liveTexts.current.snapshot(entryId);
    },
    replace: (entryId, state) => {
      if (!liveTexts.current) throw new Error('The collaboration server is not running yet');
      return liveTexts.current.replace(entryId, state);
    },
  };
  // Every uploaded file version is scanned before it may be read, where clamd is configured (ADR 0055).
  const scanner = config.CLAMD_URL ? new ClamdScanner(parseClamdUrl(config.CLAMD_URL)) : undefined;
  const scans = scanner && scanHandlers({ store, files: storage, scanner });
  const library: DocumentsDeps = {
    store,
    storage,
    sniffer: fileTypeSniffer,
    defaultMaxUploadBytes: config.DOCUMENTS_MAX_UPLOAD_MB * 1024 * 1024,
    tenantQuotaBytes:
      config.TENANT_STORAGE_QUOTA_MB === undefined ? null : config.TENANT_STORAGE_QUOTA_MB * 1024 * 1024,
    liveTexts: lateLiveTexts,
    textRenderer: starterKitRenderer,
    ...(scans ? { scans: scans.inline } : {}),
  };
  const queue = jobQueue(db);
  // Planned meetings' invitations (ADR 0052), for the mails and the downloads alike.
  const calendar = new IcalCalendarFiles('Arbeitsbereich');
  const worker = new OutboxWorker({
    queue,
    handlers: {
      ...provisioning.handlers,
      ...chatDeviceHandlers({ devices: chatDevices }),
      // The workspace's own notices by e-mail, through the mail server of the configuration (ADR 0041).
      ...mailNoticeHandlers({ store, mail: mail && new SmtpMail(mail), publicUrl: config.PUBLIC_URL, calendar })
        .handlers,
      ...(meetingControl ? meetingControlHandlers(meetingControl) : {}),
      ...(scans ? scans.handlers : {}),
      // A person's export and erasure (ADR 0053).
      ...privacyHandlers({ store, files: storage, archive: new ZipArchiveWriter(), identity, chat, chatRecords })
        .handlers,
    },
    onFailed: provisioning.onFailed,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    concurrency: config.OUTBOX_CONCURRENCY,
    kinds: {
      except: [
        jobKinds.documentPreview,
        ...(meetingControl ? [] : [jobKinds.meetingRemove, jobKinds.meetingEnd]),
        // Scans wait for a scanner: a backend without one leaves them queued for one that has it.
        ...(scans ? [] : [jobKinds.documentScan]),
      ],
    },
  });
  // Conversions have a worker of their own: as many lanes as LibreOffice slots, so a queue of
  // previews never holds up provisioning or notices, and a lease that outlasts a slow conversion.
  const previews = files ? previewHandlers({ store, files, converter: timedConverter }) : undefined;
  const previewWorker = previews
    ? new OutboxWorker({
        queue,
        handlers: previews.handlers,
        onFailed: previews.onFailed,
        logger,
        pollMs: config.OUTBOX_POLL_MS,
        concurrency: config.CONVERSION_CONCURRENCY,
        leaseMs: config.CONVERSION_TIMEOUT_MS * 3 + 60_000,
        kinds: { only: [jobKinds.documentPreview] },
      })
    : undefined;
  const keycloakClient = {
    baseUrl: keycloakAdminUrl,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  };
  const rateLimiters = redis && redisRateLimiters(redis, redisTrouble);
  const signIn = buildSignIn({
    sessionStore: sessionStore(db),
    store,
    logger,
    provider: new OidcSignIn({ ...keycloakClient, issuer: `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}` }),
    providerSessions: identity,
    publicUrl: config.PUBLIC_URL,
    sessionSecret: config.SESSION_SECRET,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    platformAdminRole: config.PLATFORM_ADMIN_ROLE,
    secondFactorAcr: config.SECOND_FACTOR_ACR,
    rateLimitPerMinute: config.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    ...(rateLimiters ? { rateLimiters } : {}),
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
    trustProxy: config.TRUST_PROXY,
    probes,
    identity,
    readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
    operatorToken: config.OPERATOR_TOKEN,
    matrixHsToken: config.MATRIX_HS_TOKEN,
    clientDistDir: config.CLIENT_DIST_DIR ?? path.resolve(import.meta.dirname, '../../client/dist'),
    connectSources: [
      config.MATRIX_PUBLIC_URL ?? config.MATRIX_HOMESERVER_URL,
      // LiveKit's signalling (WebSocket) and its HTTP checks before it.
      ...(tokens?.provider === 'livekit' ? [tokens.domain, tokens.domain.replace(/^ws/, 'http')] : []),
    ],
    meetingOrigin: tokens?.provider === 'jitsi' ? meetingOrigin(tokens.domain) : undefined,
    auth: signIn.auth,
    store,
    chat,
    chatDevices,
    publicUrl: config.PUBLIC_URL,
    chatClient: {
      homeserverUrl: config.MATRIX_PUBLIC_URL ?? config.MATRIX_HOMESERVER_URL,
      serverName: config.MATRIX_SERVER_NAME,
      identityProviderId: config.MATRIX_SSO_IDP_ID,
      serviceUserId: chat.botUserId,
    },
    legal: {
      imprintUrl: config.IMPRINT_URL ?? null,
      privacyPolicyUrl: config.PRIVACY_POLICY_URL ?? null,
      accessibilityContactEmail: config.ACCESSIBILITY_CONTACT_EMAIL ?? null,
    },
    meetings: {
      tokens,
      // LiveKit's signed webhooks: who is in a meeting, from the video system itself.
      signals:
        tokens?.provider === 'livekit' && config.LIVEKIT_API_KEY && config.LIVEKIT_API_SECRET
          ? new LiveKitWebhooks(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET)
          : null,
      // Guest links' secrets are made from this key: a new SESSION_SECRET ends every guest link.
      guestLinkKey: createHmac('sha256', config.SESSION_SECRET).update('guest-links').digest('base64url'),
      guestCallsPerMinute: config.GUEST_RATE_LIMIT_PER_MINUTE,
      signedCallsPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      calendar,
    },
    documents: library,
    metrics,
    ...(rateLimiters ? { rateLimiters } : {}),
    personRateLimits: {
      uploads: config.UPLOAD_RATE_LIMIT_PER_MINUTE,
      exports: config.EXPORT_RATE_LIMIT_PER_MINUTE,
      shares: config.SHARE_RATE_LIMIT_PER_MINUTE,
      meetingEvents: config.MEETING_EVENT_RATE_LIMIT_PER_MINUTE,
      invitations: config.INVITATION_RATE_LIMIT_PER_MINUTE,
    },
    documentActions: {
      store,
      files,
      converter: timedConverter,
      texts,
      publicUrl: config.PUBLIC_URL,
      wopi: {
        store,
        files,
        publicUrl: config.PUBLIC_URL,
        tokens: config.WOPI_ENABLED ? new JwtWopiTokens(config.SESSION_SECRET, config.WOPI_TOKEN_MINUTES) : null,
        maxUploadBytes: config.DOCUMENTS_MAX_UPLOAD_MB * 1024 * 1024,
        ...(scans ? { scans: scans.inline } : {}),
      },
    },
  });

  const server = http.createServer(app);
  const sockets = startRealtime({ server, actorOf: signIn.auth.actorOf, publicUrl: config.PUBLIC_URL, logger });
  const collab = startCollab({
    server,
    actorOf: signIn.auth.actorOf,
    noteActivity: signIn.auth.activeActorOf,
    publicUrl: config.PUBLIC_URL,
    store,
    documents: collabDocuments,
    logger,
    replaceContent: replaceTextContent,
    maxFrameBytes: config.COLLAB_MAX_FRAME_BYTES,
    maxDocumentBytes: config.COLLAB_MAX_DOCUMENT_BYTES,
    // When the last editor has left, what they wrote is kept as a version (unless nothing changed).
    onEditorsLeft: async (entryId, editor) => {
      await recordAutomaticVersion(library, editor, entryId, Date.now());
    },
    extensions: redisUrl === undefined ? [] : [collabScaling(redisUrl)],
  });
  openDocuments.stateOf = (entryId) => collab.stateOf(entryId);
  liveTexts.current = collab;
  metrics.observe({ socketConnections: sockets.connections, collab: collab.counts });
  const here = fanOut([sockets, collab], (error) => logger.warn({ err: error }, 'event not delivered'));
  const events =
    redisUrl === undefined
      ? undefined
      : new RedisEventBus(
          queuingConnection(redisUrl, 'workspace-events-out', redisTrouble),
          queuingConnection(redisUrl, 'workspace-events-in', redisTrouble),
          here,
          (error) => logger.warn({ err: error }, 'event not shared with the other replicas'),
        );
  live.notifier = events ?? here;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      logger.fatal(`Port ${config.PORT} on ${config.HOST} is already in use: stop the other process or set PORT.`);
    } else {
      logger.fatal({ err: error }, 'server failed to start');
    }
    process.exit(1);
  });
  // Parts stop in the reverse order of this list (lifecycle.ts): the periodic passes, the watcher
  // and the workers (each finishing its running job) first, then live connections (open text
  // documents are stored), the HTTP server (running requests finish), LibreOffice, the database.
  lifecycle.add({
    name: 'http server',
    start: () =>
      new Promise<void>((resolve) => {
        server.listen(config.PORT, config.HOST, () => {
          logger.info({ url: config.PUBLIC_URL, port: config.PORT }, 'workspace backend listening');
          resolve();
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  });
  if (events)
    lifecycle.add({ name: 'events of other replicas', start: () => events.start(), stop: () => events.close() });
  lifecycle.add({ name: 'collaboration server', stop: () => collab.close() });
  // socket.io closes the HTTP server as well; the server's own part waits for its requests.
  lifecycle.add({ name: 'sockets', stop: () => void sockets.close() });
  lifecycle.add({ name: 'outbox worker', start: () => worker.start(), stop: () => worker.stop() });
  if (previewWorker) {
    lifecycle.add({ name: 'preview worker', start: () => previewWorker.start(), stop: () => previewWorker.stop() });
  }
  lifecycle.add({ name: 'identity events', start: () => identityEvents.start(), stop: () => identityEvents.stop() });
  lifecycle.add(
    startedPart('session housekeeping', () => startSessionHousekeeping({ sessions: signIn.sessions, logger })),
  );
  lifecycle.add(
    startedPart('audit retention', () =>
      startAuditRetention({ audit: auditRetention(db), days: config.AUDIT_RETENTION_DAYS, logger }),
    ),
  );
  // The upkeep's periodic passes: the room reconciler, the storage sweeper, export and guest expiry,
  // meeting reminders.
  for (const upkeep of upkeepPasses({
    store,
    chat,
    storage,
    reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
    reminderIntervalMs: config.MEETING_REMINDER_INTERVAL_MS,
  })) {
    lifecycle.add(startedPart(upkeep.name, () => startCountingPass({ ...upkeep, logger })));
  }
  await lifecycle.start();

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
    void lifecycle.stop().then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Backend failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
