import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './paths.mjs';
import { log } from './log.mjs';
import { renderTemplate } from './render.mjs';
import { loadSecrets } from './secrets.mjs';
import { runAsync } from './run.mjs';
import { assertPortsFree, startProcess, stopAll, waitFor } from './processes.mjs';
import { ensureSynapseAdminToken } from './synapseAdmin.mjs';
import { denyList } from './denyList.mjs';
import { ensureS3ProxyJar } from './install.mjs';
import { findS3ProxyJava } from './prerequisites.mjs';
import { startProxy, startReplicaSet } from './replicas.mjs';
import { startSynapseWorker, writeWorkerConfigs } from './synapseWorkers.mjs';
import { hasLiveKit, liveKitEnv, startLiveKit } from './livekit.mjs';
import { mailpitAddresses, startMailpit } from './mailpit.mjs';
import { clamdUrl, hasClamd, startClamd } from './clamav.mjs';

/**
 * The realm's password policy (ADR 0025): at least 12 characters, not the username or e-mail
 * address, none of the last 5, none of the deny list the launcher puts beside Keycloak. No
 * composition rules and no expiry. The realm import and the backend (KEYCLOAK_PASSWORD_POLICY) use
 * the same text, so the backend finds it in place.
 */
export const passwordPolicy =
  'length(12) and maxLength(128) and notUsername(undefined) and notEmail(undefined) and passwordHistory(5) ' +
  'and passwordBlacklist(workspace-deny-list.txt)';

/** The realm's login theme (`loginTheme`), a folder Keycloak finds in its themes/. */
export const loginTheme = path.join(root, 'deploy/keycloak/themes/arbeitsbereich');

/** How often the deny list may wrongly refuse a password (Keycloak's default: 1e-4). */
export const denyListFalsePositiveRate = '0.0000001';

/** The test stack's bucket in s3proxy. */
const s3Bucket = 'workspace-test';

/** Profiles whose stack the tests run against (the test stack, and the production topology of ADR 0038). */
const forTests = (p) => p.kind === 'test' || p.kind === 'replicas';

/** The S3-compatible store of a profile: s3proxy, with the profile's generated credentials. */
const s3Env = (p, secrets) => ({
  S3_ENDPOINT: p.s3Url,
  S3_REGION: 'us-east-1',
  S3_BUCKET: s3Bucket,
  S3_ACCESS_KEY_ID: secrets.s3AccessKey,
  S3_SECRET_ACCESS_KEY: secrets.s3SecretKey,
  S3_FORCE_PATH_STYLE: 'true',
});

/**
 * What the replicas of the production topology share (ADR 0038): PostgreSQL, Redis and the
 * S3-compatible store, behind a proxy that names the client's address; the proxy reaches each replica's
 * host from the network's gateway (ADR 0043).
 */
const replicaEnv = (p, secrets, shared) => ({
  DATABASE_URL: shared.databaseUrl,
  REDIS_URL: shared.redisUrl,
  STORAGE_DRIVER: 's3',
  ...s3Env(p, secrets),
  TRUST_PROXY: p.network.gateway,
  // Counted across both replicas, per client address: the topology test reaches the limit.
  SIGN_IN_RATE_LIMIT_PER_MINUTE: '30',
});

/** The environment the backend (and the tests) get for a profile; `shared` for the replicas profile. */
export function backendEnv(p, secrets, shared) {
  return {
    NODE_ENV: forTests(p) ? 'test' : 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    SEED_DEMO_TENANT: 'true',
    PUBLIC_URL: p.publicUrl,
    HOST: '127.0.0.1',
    PORT: String(p.ports.backend),
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${p.paths.database}`,
    SESSION_SECRET: secrets.sessionSecret,
    KEYCLOAK_URL: p.keycloakUrl,
    KEYCLOAK_MANAGEMENT_URL: p.keycloakManagementUrl,
    KEYCLOAK_REALM: p.realm,
    KEYCLOAK_CLIENT_ID: 'workspace-backend',
    KEYCLOAK_CLIENT_SECRET: secrets.backendClientSecret,
    KEYCLOAK_PASSWORD_POLICY: passwordPolicy,
    MATRIX_HOMESERVER_URL: p.synapseUrl,
    MATRIX_SERVER_NAME: p.serverName,
    MATRIX_AS_TOKEN: secrets.asToken,
    MATRIX_HS_TOKEN: secrets.hsToken,
    MATRIX_AS_SENDER_LOCALPART: 'workspace-bot',
    OPERATOR_TOKEN: secrets.operatorToken,
    ...(secrets.matrixAdminToken ? { MATRIX_ADMIN_TOKEN: secrets.matrixAdminToken } : {}),
    // Documents on local disk, in the profile's state folder. (The test stack's s3proxy is for the S3 adapter's tests.)
    STORAGE_DRIVER: 'local',
    STORAGE_DIR: p.paths.files,
    // Mail (invitations, notices) goes to the stack's Mailpit, which keeps it (ADR 0041).
    SMTP_HOST: mailpitAddresses(p).smtpHost,
    SMTP_PORT: String(mailpitAddresses(p).smtpPort),
    SMTP_FROM: 'noreply@arbeitsbereich.test',
    SMTP_FROM_NAME: 'Arbeitsbereich',
    SMTP_TLS: 'none',
    // Uploads are scanned by the stack's clamd before anyone may read them (ADR 0055).
    ...(hasClamd(p) ? { CLAMD_URL: clamdUrl(p) } : {}),
    // Meetings: `npm start` runs its own LiveKit server (ADR 0040). No Jitsi runs locally; the test stack's
    // backend mints tokens for a made-up Jitsi deployment so the Jitsi side of the meeting API can be tested
    // end to end (tokens are checked by signature); the LiveKit tests start backends of their own on the
    // test stack's LiveKit server (testEnv).
    ...(p.kind === 'dev' && hasLiveKit(p) ? { MEETINGS_PROVIDER: 'livekit', ...liveKitEnv(p, secrets) } : {}),
    ...(forTests(p)
      ? {
          MEETINGS_PROVIDER: 'jitsi',
          JITSI_DOMAIN: 'meet.test.invalid',
          JITSI_APP_ID: 'arbeitsbereich-test',
          JITSI_APP_SECRET: crypto.createHash('sha256').update(`jitsi:${secrets.sessionSecret}`).digest('hex'),
          // Every test calls the public guest routes from this one address, many at once (guests
          // waiting to be let in ask again and again); the limit itself is tested on backends of
          // their own (meetings.test.ts, limits.test.ts).
          GUEST_RATE_LIMIT_PER_MINUTE: '600',
          // A planned meeting's reminder is looked for every two seconds, so its test need not wait long.
          MEETING_REMINDER_INTERVAL_MS: '2000',
          // The WOPI host is tested without an office suite: the tests call it as Collabora would.
          WOPI_ENABLED: 'true',
          // The installation's legal pages and accessibility contact, which every screen links to.
          IMPRINT_URL: 'https://www.example.de/impressum',
          PRIVACY_POLICY_URL: 'https://www.example.de/datenschutz',
          ACCESSIBILITY_CONTACT_EMAIL: 'barrierefreiheit@example.de',
        }
      : {}),
    ...(p.kind === 'replicas' ? replicaEnv(p, secrets, shared) : {}),
  };
}

/** Extra facts tests need about the stack they run against. */
export function testEnv(p, secrets, shared) {
  return {
    ...backendEnv(p, secrets, shared),
    WORKSPACE_URL: p.publicUrl,
    DEMO_PASSWORD: secrets.demoPassword,
    DEMO_TOTP_SECRET: secrets.demoTotpSecret,
    KEYCLOAK_ADMIN_USERNAME: 'admin',
    KEYCLOAK_ADMIN_PASSWORD: secrets.keycloakAdminPassword,
    MATRIX_REGISTRATION_SHARED_SECRET: secrets.registrationSharedSecret,
    // The test scripts' own application service (appservice-harness.yaml.tmpl), not the workspace's.
    MATRIX_HARNESS_AS_TOKEN: secrets.harnessAsToken,
    SYNAPSE_DATA_DIR: p.paths.synapseData,
    // The real S3-compatible server of the test stack.
    ...s3Env(p, secrets),
    S3_DATA_DIR: p.paths.s3Data,
    // The test stack's LiveKit server, for backends the tests start with MEETINGS_PROVIDER=livekit.
    ...(hasLiveKit(p) ? liveKitEnv(p, secrets) : {}),
    // Mailpit's REST API (/api/v1/messages, /api/v1/message/{ID}): the mail the stack sent.
    MAILPIT_URL: mailpitAddresses(p).url,
  };
}

/** Removes a profile's state (databases, Keycloak's H2 data), keeping generated secrets. */
export function resetState(p) {
  fs.rmSync(path.join(p.paths.keycloakHome, 'data'), { recursive: true, force: true });
  fs.rmSync(p.paths.synapseData, { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${p.paths.database}${suffix}`, { force: true });
  fs.rmSync(p.paths.files, { recursive: true, force: true });
  fs.rmSync(p.paths.s3Data, { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${p.paths.mail}${suffix}`, { force: true });
}

/**
 * s3proxy with its filesystem backend in the profile's state folder, on the
 * profile's port, with the profile's generated credentials; the bucket is a
 * folder of the backend.
 */
async function startS3Proxy(p, secrets, keycloakJava) {
  const jar = await ensureS3ProxyJar();
  const java = findS3ProxyJava(keycloakJava);
  fs.mkdirSync(path.join(p.paths.s3Data, s3Bucket), { recursive: true });
  const properties = path.join(p.dir, 's3proxy.properties');
  fs.writeFileSync(
    properties,
    [
      `s3proxy.endpoint=${p.s3Url}`,
      's3proxy.authorization=aws-v2-or-v4',
      `s3proxy.identity=${secrets.s3AccessKey}`,
      `s3proxy.credential=${secrets.s3SecretKey}`,
      'jclouds.provider=filesystem',
      `jclouds.filesystem.basedir=${p.paths.s3Data}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const proc = startProcess(
    's3proxy',
    path.join(java.home, 'bin/java'),
    ['-Xmx256m', '-jar', jar, '--properties', properties],
    {
      cwd: p.dir,
      env: { ...process.env, JAVA_HOME: java.home },
      logFile: path.join(p.paths.logs, 's3proxy.log'),
    },
  );
  // Unsigned requests are refused (403) once it listens.
  await waitFor(`${p.s3Url}/`, { proc, timeoutMs: 120_000, what: 's3proxy', accept: (r) => r.status === 403 });
  log.ok(`s3proxy (Java ${java.major}) ready`);
  return proc;
}

async function prepareKeycloak(p, secrets, dist) {
  const home = p.paths.keycloakHome;
  if (!fs.existsSync(path.join(home, 'bin/kc.sh'))) {
    log.step(`Preparing Keycloak for profile ${p.name}`);
    fs.rmSync(home, { recursive: true, force: true });
    // The distribution's real folder: a copy of a symlink would share one Keycloak database between stacks.
    await runAsync('cp', ['-a', fs.realpathSync(dist), home]);
  }
  renderTemplate(
    path.join(root, 'deploy/keycloak/realm-workspace.json.tmpl'),
    {
      REALM: p.realm,
      PUBLIC_URL: p.publicUrl,
      BACKEND_CLIENT_SECRET: secrets.backendClientSecret,
      SYNAPSE_URL: p.synapseUrl,
      SYNAPSE_CLIENT_SECRET: secrets.synapseClientSecret,
      DEMO_PASSWORD: secrets.demoPassword,
      DEMO_TOTP_SECRET: secrets.demoTotpSecret,
      PASSWORD_POLICY: passwordPolicy,
      // Test and benchmark scripts sign the same demo admin in from several processes within one 30 s
      // window; there a code may be used again. `npm start` refuses a code used once, as production should.
      OTP_CODE_REUSABLE: p.kind === 'dev' ? 'false' : 'true',
    },
    path.join(home, 'data/import/realm-workspace.json'),
  );
  // The password policy's deny list (passwordBlacklist), where Keycloak looks for it: data/password-blacklists/.
  fs.mkdirSync(path.join(home, 'data/password-blacklists'), { recursive: true });
  fs.writeFileSync(path.join(home, 'data/password-blacklists/workspace-deny-list.txt'), denyList());
  // The realm's login theme (ADR 0045), beside Keycloak's own in themes/.
  fs.cpSync(loginTheme, path.join(home, 'themes', path.basename(loginTheme)), { recursive: true });
  // Keycloak imports the realm only into an empty database. Remember what was
  // imported, and say so when the template has changed since.
  const realm = fs.readFileSync(path.join(home, 'data/import/realm-workspace.json'));
  const hash = crypto.createHash('sha256').update(realm).digest('hex');
  const marker = path.join(home, 'data/imported-realm.sha256');
  if (!fs.existsSync(path.join(home, 'data/h2'))) fs.writeFileSync(marker, hash);
  else if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') !== hash) {
    log.warn(
      `The realm template changed since this stack's realm was imported; Keycloak keeps the old one. ` +
        `To apply it, stop the workspace and delete ${path.join(home, 'data')} (this removes what was changed in Keycloak since).`,
    );
  }
}

async function prepareSynapse(p, secrets, venv, shared) {
  const data = p.paths.synapseData;
  fs.mkdirSync(data, { recursive: true });
  const values = {
    SERVER_NAME: p.serverName,
    // In the production topology the proxy answers on Synapse's public port, the main process behind it.
    SYNAPSE_PORT: String(p.kind === 'replicas' ? p.ports.synapseMain : p.ports.synapse),
    SYNAPSE_URL: p.synapseUrl,
    DATA_DIR: data,
    SIGNING_KEY_PATH: path.join(data, 'signing.key'),
    LOG_CONFIG_PATH: path.join(data, 'log.yaml'),
    APPSERVICE_FILE: path.join(data, 'appservice-workspace.yaml'),
    KEYCLOAK_ISSUER: `${p.keycloakUrl}/realms/${p.realm}`,
    SYNAPSE_CLIENT_SECRET: secrets.synapseClientSecret,
    MACAROON_SECRET: secrets.macaroonSecret,
    REGISTRATION_SHARED_SECRET: secrets.registrationSharedSecret,
    FORM_SECRET: secrets.formSecret,
    PUBLIC_URL: p.publicUrl,
    AS_TOKEN: secrets.asToken,
    HS_TOKEN: secrets.hsToken,
    HARNESS_AS_TOKEN: secrets.harnessAsToken,
    HARNESS_HS_TOKEN: secrets.harnessHsToken,
    // The replicas receive Synapse's calls through the proxy's plain door on loopback.
    APPSERVICE_URL: p.kind === 'replicas' ? `http://127.0.0.1:${p.ports.internal}` : p.publicUrl,
  };
  const dir = path.join(root, 'deploy/synapse');
  renderTemplate(path.join(dir, 'homeserver.yaml.tmpl'), values, path.join(data, 'homeserver.yaml'));
  renderTemplate(path.join(dir, 'log.yaml.tmpl'), values, values.LOG_CONFIG_PATH);
  renderTemplate(path.join(dir, 'appservice-workspace.yaml.tmpl'), values, values.APPSERVICE_FILE);
  const configs = ['-c', path.join(data, 'homeserver.yaml')];
  if (p.relaxedRateLimits) configs.push('-c', path.join(dir, 'ratelimits-test.yaml'));
  if (p.kind !== 'dev') {
    // The test and benchmark scripts' own service (appservice-harness.yaml.tmpl), listed beside the workspace's.
    const harnessFile = path.join(data, 'appservice-harness.yaml');
    renderTemplate(path.join(dir, 'appservice-harness.yaml.tmpl'), values, harnessFile);
    // Its sender may make rooms and invite, like the workspace's (the tenant rules' module, ADR 0028):
    // the scripts set up bare rooms the way the workspace would. Later files replace a top-level key whole.
    const services = path.join(data, 'appservices-harness.yaml');
    fs.writeFileSync(
      services,
      [
        'app_service_config_files:',
        `  - "${values.APPSERVICE_FILE}"`,
        `  - "${harnessFile}"`,
        'modules:',
        '  - module: workspace_rules.WorkspaceRules',
        '    config:',
        '      service_users:',
        `        - "@workspace-bot:${p.serverName}"`,
        `        - "@harness-bot:${p.serverName}"`,
        '',
      ].join('\n'),
    );
    configs.push('-c', services);
  }
  const workers = p.kind === 'replicas' ? writeWorkerConfigs(p, values, shared) : undefined;
  if (workers) configs.push(...workers.configs);
  if (!fs.existsSync(values.SIGNING_KEY_PATH)) {
    await runAsync(path.join(venv, 'bin/python'), ['-m', 'synapse.app.homeserver', ...configs, '--generate-keys'], {
      cwd: data,
      env: synapseEnv(),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return { configs, worker: workers?.worker };
}

/**
 * Synapse's environment: the workspace's own modules (deploy/synapse/modules, the tenant rules)
 * on its Python path, so the shared Synapse installation stays as it was installed.
 */
function synapseEnv() {
  const modules = path.join(root, 'deploy/synapse/modules');
  const inherited = process.env.PYTHONPATH;
  return { ...process.env, PYTHONPATH: inherited ? `${modules}${path.delimiter}${inherited}` : modules };
}

function keycloakEnv(p, secrets, java) {
  return {
    ...process.env,
    JAVA_HOME: java.home,
    KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
    KC_BOOTSTRAP_ADMIN_PASSWORD: secrets.keycloakAdminPassword,
    // A modest heap: Keycloak shares two cores and the memory with everything else here.
    JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
    // Java 24+ closes java.lang to the thread-local reset of jboss-threads (Quarkus opens it the same way).
    ...(java.major >= 24 ? { JAVA_OPTS_APPEND: '--add-opens=java.base/java.lang=ALL-UNNAMED' } : {}),
  };
}

/**
 * Keycloak's command line: development mode (its own H2 database) for the embedded and test stacks;
 * production mode (`start`) on PostgreSQL for the production topology (ADR 0038), one node with a
 * local cache, plain HTTP on loopback.
 */
function keycloakArgs(p, shared) {
  const common = [
    '--import-realm',
    `--http-port=${p.ports.keycloak}`,
    `--http-host=${p.listenAddress}`,
    `--http-management-port=${p.ports.keycloakManagement}`,
    '--hostname=' + p.keycloakUrl,
    '--health-enabled=true',
    // The deny list's Bloom filter wrongly refuses one password in ten million instead of Keycloak's
    // default one in ten thousand (at ~49,000 entries the filter grows from about 115 to 200 KiB).
    `--spi-password-policy--password-blacklist--false-positive-probability=${denyListFalsePositiveRate}`,
  ];
  if (p.kind !== 'replicas') return ['start-dev', ...common];
  return [
    'start',
    ...common,
    '--http-enabled=true',
    '--db=postgres',
    `--db-url=${shared.keycloakJdbcUrl}`,
    '--db-username=workspace',
    '--cache=local',
  ];
}

/**
 * Starts Keycloak, Synapse and the backend of a profile and waits until the
 * backend reports every part ready. Returns the running processes.
 */
export async function startStack(p, { dist, venv, java, livekit, mailpit, onBackendLine, shared }) {
  const secrets = loadSecrets(p.dir);
  await assertPortsFree([
    { port: p.ports.keycloak, what: 'Keycloak HTTP', setting: p.name === 'dev' ? 'KEYCLOAK_PORT' : undefined },
    {
      port: p.ports.keycloakManagement,
      what: 'Keycloak management',
      setting: p.name === 'dev' ? 'KEYCLOAK_MANAGEMENT_PORT' : undefined,
    },
    { port: p.ports.synapse, what: 'Synapse', setting: p.name === 'dev' ? 'SYNAPSE_PORT' : undefined },
    { port: p.ports.backend, what: 'workspace backend', setting: p.name === 'dev' ? 'PORT' : undefined },
    ...(forTests(p) ? [{ port: p.ports.s3, what: 's3proxy' }] : []),
    ...(hasLiveKit(p)
      ? [
          { port: p.ports.livekit, what: 'LiveKit' },
          { port: p.ports.livekitTcp, what: 'LiveKit media over TCP' },
        ]
      : []),
    { port: p.ports.smtp, what: 'Mailpit SMTP', setting: p.name === 'dev' ? 'MAILPIT_SMTP_PORT' : undefined },
    { port: p.ports.mailpit, what: 'Mailpit HTTP', setting: p.name === 'dev' ? 'MAILPIT_PORT' : undefined },
    ...(hasClamd(p)
      ? [{ port: p.ports.clamd, what: 'ClamAV (clamd)', setting: p.name === 'dev' ? 'CLAMD_PORT' : undefined }]
      : []),
    ...(p.kind === 'replicas'
      ? [
          ...p.replicaPorts,
          p.ports.internal,
          p.ports.synapseMain,
          p.ports.synapseReplication,
          p.ports.synapseWorker,
        ].map((port) => ({ port, what: 'workspace replica, proxy or Synapse worker' }))
      : []),
  ]);
  const [, { configs: synapseConfigs, worker }] = await Promise.all([
    prepareKeycloak(p, secrets, dist),
    prepareSynapse(p, secrets, venv, shared),
  ]);
  // The production topology's proxy stands in front of Synapse too: it starts first.
  if (p.kind === 'replicas') await startProxy(p);

  log.step(`Starting Keycloak (Java ${java.major}) and Synapse`);
  const keycloak = startProcess('keycloak', path.join(p.paths.keycloakHome, 'bin/kc.sh'), keycloakArgs(p, shared), {
    cwd: p.paths.keycloakHome,
    env: keycloakEnv(p, secrets, java),
    logFile: path.join(p.paths.logs, 'keycloak.log'),
  });
  const synapse = startProcess(
    'synapse',
    path.join(venv, 'bin/python'),
    ['-m', 'synapse.app.homeserver', ...synapseConfigs],
    {
      cwd: p.paths.synapseData,
      env: synapseEnv(),
      logFile: path.join(p.paths.logs, 'synapse.log'),
    },
  );

  const started = Date.now();
  await Promise.all([
    forTests(p) ? startS3Proxy(p, secrets, java) : undefined,
    hasLiveKit(p) && livekit ? startLiveKit(p, secrets, livekit) : undefined,
    startMailpit(p, mailpit),
    hasClamd(p) ? startClamd(p) : undefined,
    waitFor(`${p.keycloakUrl}/realms/${p.realm}/.well-known/openid-configuration`, {
      proc: keycloak,
      timeoutMs: 420_000,
      what: 'Keycloak',
    })
      .then(() =>
        waitFor(`${p.keycloakManagementUrl}/health/ready`, {
          proc: keycloak,
          timeoutMs: 60_000,
          what: 'Keycloak health',
        }),
      )
      .then(() => log.ok(`Keycloak ready after ${Math.round((Date.now() - started) / 1000)} s`)),
    waitFor(`${p.synapseUrl}/health`, { proc: synapse, timeoutMs: 180_000, what: 'Synapse' })
      .then(() => worker && startSynapseWorker(p, { venv, configs: synapseConfigs, worker, env: synapseEnv() }))
      .then(() => log.ok(`Synapse ready after ${Math.round((Date.now() - started) / 1000)} s`)),
  ]);

  await ensureSynapseAdminToken(p, secrets);
  if (p.kind === 'replicas') {
    log.step('Starting the workspace replicas and the TLS proxy');
    const { replicas } = await startReplicaSet(p, backendEnv(p, secrets, shared));
    log.ok(`Workspace ready after ${Math.round((Date.now() - started) / 1000)} s`);
    return { keycloak, synapse, replicas, secrets };
  }
  log.step('Starting the workspace backend');
  const backend = startProcess('backend', process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, ...backendEnv(p, secrets) },
    logFile: path.join(p.paths.logs, 'backend.log'),
    onLine: onBackendLine,
  });
  await waitFor(`${p.publicUrl}/readyz`, { proc: backend, timeoutMs: 60_000, what: 'Workspace backend' });
  log.ok(`Workspace ready after ${Math.round((Date.now() - started) / 1000)} s`);
  return { keycloak, synapse, backend, secrets };
}

export { stopAll };
