import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { root } from '../lib/paths.mjs';
import { LauncherError, log } from '../lib/log.mjs';
import { renderTemplate } from '../lib/render.mjs';
import { denyList } from '../lib/denyList.mjs';
import { loginTheme, passwordPolicy } from '../lib/stack.mjs';

const token = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

/** Secrets of a compose installation, one file each; made once, kept on every later run. */
const secretNames = [
  'session_secret',
  'keycloak_backend_secret',
  'synapse_client_secret',
  'matrix_as_token',
  'matrix_hs_token',
  'operator_token',
  'postgres_password',
  'workspace_db_password',
  'keycloak_db_password',
  'synapse_db_password',
  'keycloak_admin_password',
  'synapse_registration_secret',
  'synapse_macaroon_secret',
  'synapse_form_secret',
  'livekit_api_secret',
];

function parseArgs(args) {
  const options = { out: path.join(root, 'deploy/compose/generated') };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = inline ?? args[++i];
    if (flag === '--domain') options.domain = value;
    else if (flag === '--out') options.out = path.resolve(value);
    else if (flag === '--meetings-ip') options.meetingsIp = value;
    else {
      throw new LauncherError(
        `Unknown option ${flag}. Use --domain <domain> [--out <folder>] [--meetings-ip <address>]`,
      );
    }
  }
  if (!options.domain || !/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(options.domain)) {
    throw new LauncherError("--domain must be the agency's domain, such as behoerde.example");
  }
  if (options.meetingsIp !== undefined && !net.isIP(options.meetingsIp)) {
    throw new LauncherError("--meetings-ip must be the host's public IP address, which browsers send media to");
  }
  return options;
}

/** Synapse's signing key file: "ed25519 <key id> <unpadded base64 of the 32-byte seed>". */
function synapseSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url');
  const id = `a_${crypto
    .randomBytes(3)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
  return `ed25519 ${id} ${seed.toString('base64').replace(/=+$/, '')}\n`;
}

function writeOnce(file, make, mode = 0o644) {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  const content = make();
  fs.writeFileSync(file, content, { mode });
  return content;
}

/** The realm for production: the demo's people, their organisation and reusable codes left out. */
function productionRealm(rendered) {
  const realm = JSON.parse(rendered);
  realm.users = (realm.users ?? []).filter((u) => typeof u.serviceAccountClientId === 'string');
  delete realm.organizations;
  return JSON.stringify(realm, null, 2) + '\n';
}

/**
 * `npm run compose:init -- --domain <domain>`: the secrets and configuration files the compose
 * deployment (deploy/compose) reads, in deploy/compose/generated. Secrets are made on the first
 * run and kept after; configuration files are written anew from the templates each time.
 */
export default async function composeInit(args) {
  const o = parseArgs(args);
  const hosts = {
    WORKSPACE_HOST: `arbeitsbereich.${o.domain}`,
    MATRIX_HOST: `matrix.${o.domain}`,
    LOGIN_HOST: `login.${o.domain}`,
  };
  // The generated folder is the operator's alone; the containers see only what is mounted.
  fs.mkdirSync(o.out, { recursive: true, mode: 0o700 });
  fs.chmodSync(o.out, 0o700);
  const secretsDir = path.join(o.out, 'secrets');
  fs.mkdirSync(secretsDir, { recursive: true, mode: 0o755 });
  const s = {};
  for (const name of secretNames) s[name] = writeOnce(path.join(secretsDir, name), () => token());
  s.workspace_database_url = `postgres://workspace:${s.workspace_db_password}@postgres:5432/workspace`;
  fs.writeFileSync(path.join(secretsDir, 'workspace_database_url'), s.workspace_database_url, { mode: 0o644 });

  const synapseDir = path.join(o.out, 'synapse');
  fs.mkdirSync(synapseDir, { recursive: true, mode: 0o755 });
  renderTemplate(
    path.join(root, 'deploy/compose/synapse/homeserver.yaml.tmpl'),
    {
      SERVER_NAME: o.domain,
      ...hosts,
      SYNAPSE_DB_PASSWORD: s.synapse_db_password,
      MACAROON_SECRET: s.synapse_macaroon_secret,
      FORM_SECRET: s.synapse_form_secret,
      REGISTRATION_SHARED_SECRET: s.synapse_registration_secret,
      SYNAPSE_CLIENT_SECRET: s.synapse_client_secret,
    },
    path.join(synapseDir, 'homeserver.yaml'),
    0o644,
  );
  renderTemplate(
    path.join(root, 'deploy/synapse/appservice-workspace.yaml.tmpl'),
    {
      APPSERVICE_URL: 'http://workspace:8080',
      AS_TOKEN: s.matrix_as_token,
      HS_TOKEN: s.matrix_hs_token,
      SERVER_NAME: o.domain,
    },
    path.join(synapseDir, 'appservice-workspace.yaml'),
    0o644,
  );
  fs.copyFileSync(path.join(root, 'deploy/synapse/log.yaml.tmpl'), path.join(synapseDir, 'log.yaml'));
  fs.copyFileSync(
    path.join(root, 'deploy/compose/synapse/worker-generic1.yaml'),
    path.join(synapseDir, 'worker-generic1.yaml'),
  );
  writeOnce(path.join(synapseDir, 'signing.key'), synapseSigningKey);

  const keycloakDir = path.join(o.out, 'keycloak');
  fs.mkdirSync(keycloakDir, { recursive: true, mode: 0o755 });
  const realmFile = path.join(keycloakDir, 'realm-workspace.json');
  renderTemplate(
    path.join(root, 'deploy/keycloak/realm-workspace.json.tmpl'),
    {
      REALM: 'workspace',
      PUBLIC_URL: `https://${hosts.WORKSPACE_HOST}`,
      SYNAPSE_URL: `https://${hosts.MATRIX_HOST}`,
      BACKEND_CLIENT_SECRET: s.keycloak_backend_secret,
      SYNAPSE_CLIENT_SECRET: s.synapse_client_secret,
      PASSWORD_POLICY: passwordPolicy,
      OTP_CODE_REUSABLE: 'false',
      // The demo's people are removed below; their credentials never leave this function.
      DEMO_PASSWORD: token(),
      DEMO_TOTP_SECRET: token(15),
    },
    realmFile,
    0o644,
  );
  fs.writeFileSync(realmFile, productionRealm(fs.readFileSync(realmFile, 'utf8')), { mode: 0o644 });
  fs.writeFileSync(path.join(keycloakDir, 'workspace-deny-list.txt'), denyList(), { mode: 0o644 });
  // The realm's login theme (ADR 0045), mounted into Keycloak's themes/.
  fs.cpSync(loginTheme, path.join(keycloakDir, 'themes', path.basename(loginTheme)), { recursive: true });

  // The workspace's own settings, the operator's to edit: written once.
  writeOnce(
    path.join(o.out, 'workspace.env'),
    () =>
      [
        '# Settings of the workspace container (README.md: Configuration). Kept by later compose:init runs.',
        'STORAGE_DRIVER=local',
        '# STORAGE_DRIVER=s3',
        '# S3_ENDPOINT=https://s3.behoerde.example',
        '# S3_BUCKET=arbeitsbereich',
        '# S3_REGION=eu-central-1',
        '# S3_ACCESS_KEY_ID_FILE and S3_SECRET_ACCESS_KEY_FILE: add two secrets in compose.yaml',
        '# Mail (invitations, ADR 0041): the agency relay; Keycloak sends through it too.',
        '# SMTP_HOST=mail.behoerde.example',
        '# SMTP_PORT=587',
        '# SMTP_FROM=arbeitsbereich@behoerde.example',
        '# SMTP_TLS=starttls',
        '# SMTP_USER_FILE and SMTP_PASSWORD_FILE: add two secrets in compose.yaml',
        '# Meetings on an existing Jitsi deployment instead of the "meetings" profile (docs/deploy-jitsi.md):',
        '# JITSI_DOMAIN=meet.behoerde.example',
        '# JITSI_APP_ID=arbeitsbereich',
        '',
      ].join('\n'),
    0o600,
  );
  // The meeting server's settings, written anew each run: with --meetings-ip, the "meetings" profile's
  // LiveKit (ADR 0040); without, none.
  fs.writeFileSync(
    path.join(o.out, 'meetings.env'),
    [
      '# Written by compose:init on every run (--meetings-ip turns the "meetings" profile on).',
      ...(o.meetingsIp
        ? [
            `LIVEKIT_URL=wss://${hosts.WORKSPACE_HOST}`,
            'LIVEKIT_API_KEY=arbeitsbereich',
            'LIVEKIT_API_SECRET_FILE=/run/secrets/livekit_api_secret',
          ]
        : []),
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const env = {
    ...hosts,
    // compose.yaml reads the generated files from here (./generated beside it by default).
    GENERATED_DIR: o.out,
    MATRIX_SERVER_NAME: o.domain,
    ...(o.meetingsIp ? { COMPOSE_PROFILES: 'meetings', MEETINGS_NODE_IP: o.meetingsIp } : {}),
  };
  fs.writeFileSync(
    path.join(o.out, '.env'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  log.ok(`Wrote ${path.relative(process.cwd(), o.out) || o.out}: secrets, Synapse and Keycloak configuration, .env`);
  log.plain(`Next: docker compose --env-file ${path.join(o.out, '.env')} up -d   (in deploy/compose)`);
  return 0;
}
