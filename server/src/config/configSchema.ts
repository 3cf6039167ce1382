import { isIP } from 'node:net';
import { z } from 'zod';

/** An absolute URL with a host and one of the given schemes. */
const urlWith = (protocols: string[], message: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && u.hostname !== '';
      } catch {
        return false;
      }
    }, message);

const httpUrl = urlWith(['http:', 'https:'], 'must be an absolute http(s) URL, e.g. http://localhost:3000').transform(
  (v) => v.replace(/\/+$/, ''),
);

/** A page of the installation's own website, linked as it is (a trailing slash stays). */
const pageUrl = urlWith(['http:', 'https:'], 'must be an absolute http(s) URL, e.g. https://www.example.de/impressum');

const secret = (minLength: number) => z.string().min(minLength, `must be at least ${minLength} characters long`);

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (v) => /^sqlite:/.test(v) || /^postgres(ql)?:\/\//.test(v),
    'must start with sqlite: (e.g. sqlite:./data/workspace.sqlite) or postgres://',
  );

const redisUrl = urlWith(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies in front of the backend may name the client's address
 * (X-Forwarded-For), as Express's `trust proxy`: `false` (none: the peer's
 * address counts), a number of hops, or a comma list of addresses and subnets.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .refine(
    (v) =>
      v === 'false' ||
      /^\d{1,2}$/.test(v) ||
      v
        .split(',')
        .map((entry) => entry.trim())
        .every(isAddressOrSubnet),
    'must be false, a number of proxy hops (e.g. 1), or a comma list of addresses and subnets (e.g. 127.0.0.1,10.0.0.0/8 or loopback)',
  )
  .transform((v): false | number | string[] => {
    if (v === 'false') return false;
    if (/^\d{1,2}$/.test(v)) return Number(v) === 0 ? false : Number(v);
    return v.split(',').map((entry) => entry.trim());
  });

/**
 * Every setting the backend reads from its environment. Names are the
 * environment variables themselves, so an error can name exactly what to fix.
 */
const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  PUBLIC_URL: httpUrl,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: databaseUrl,
  CLIENT_DIST_DIR: z.string().optional(),
  TRUST_PROXY: trustProxy,
  /**
   * Redis, for running several replicas (ADR 0038): live updates reach the sockets of every replica,
   * rate limits count across replicas, co-edited documents stay one document. Unset: one process,
   * all of it in memory.
   */
  REDIS_URL: redisUrl.optional(),
  SESSION_SECRET: secret(32),

  KEYCLOAK_URL: httpUrl,
  /**
   * Where the backend reaches Keycloak's admin API when that differs from KEYCLOAK_URL, the
   * issuer's public address: an internal address, so a proxy may keep `/admin` closed to the world.
   */
  KEYCLOAK_INTERNAL_URL: httpUrl.optional(),
  KEYCLOAK_MANAGEMENT_URL: httpUrl.optional(),
  KEYCLOAK_REALM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a realm name')
    .default('workspace'),
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('workspace-backend'),
  KEYCLOAK_CLIENT_SECRET: secret(16),
  /**
   * The realm's password policy in Keycloak's syntax, set by the backend at start (ADR 0025);
   * empty: the backend leaves Keycloak's policy alone.
   */
  KEYCLOAK_PASSWORD_POLICY: z
    .string()
    .trim()
    .max(1000)
    .default('length(12) and maxLength(128) and notUsername(undefined) and notEmail(undefined) and passwordHistory(5)'),

  MATRIX_HOMESERVER_URL: httpUrl,
  MATRIX_SERVER_NAME: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a Matrix server name'),
  MATRIX_AS_TOKEN: secret(32),
  MATRIX_HS_TOKEN: secret(32),
  /** A homeserver admin's token: accounts are made with their sign-in link, and reactivated, through Synapse's admin API. */
  MATRIX_ADMIN_TOKEN: secret(16),
  MATRIX_AS_SENDER_LOCALPART: z
    .string()
    .regex(/^[a-z0-9._=\-/]+$/)
    .default('workspace-bot'),
  /** The homeserver as browsers reach it, when that differs from the backend's own route to it. */
  MATRIX_PUBLIC_URL: httpUrl.optional(),
  /** Synapse's id of the Keycloak login (`oidc-` and the provider's `idp_id`). */
  MATRIX_SSO_IDP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._~-]+$/, 'must be an identity provider id such as oidc-keycloak')
    .default('oidc-keycloak'),

  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(10),
  PLATFORM_ADMIN_ROLE: z.string().min(1).default('platform-admin'),
  /** The authentication context class (OIDC acr) that stands for a second factor (ADR 0025). */
  SECOND_FACTOR_ACR: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, 'must be one acr value without spaces, such as 2')
    .default('2'),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  IDENTITY_EVENTS_POLL_MS: z.coerce.number().int().min(250).max(60_000).default(1500),

  SEED_DEMO_TENANT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  /** How often planned meetings are looked at for the chat's reminder before their start (ADR 0052). */
  MEETING_REMINDER_INTERVAL_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  /**
   * Monitoring's key to each part's state on /readyz (`Authorization: Bearer …`), which must work
   * also when Keycloak is down and nobody can sign in; unset: only a signed-in platform admin sees it.
   */
  OPERATOR_TOKEN: secret(32).optional(),

  /**
   * The installation's legal notice (Impressum) and privacy policy (Datenschutzerklärung), linked
   * on every screen; unset: no link. The accessibility statement names ACCESSIBILITY_CONTACT_EMAIL
   * as the contact for reporting barriers (BITV 2.0 § 7).
   */
  IMPRINT_URL: pageUrl.optional(),
  PRIVACY_POLICY_URL: pageUrl.optional(),
  ACCESSIBILITY_CONTACT_EMAIL: z
    .email('must be an email address, e.g. barrierefreiheit@example.de')
    .max(254)
    .optional(),

  /**
   * The video system meetings run on (ADR 0040). Unset: LiveKit when LIVEKIT_URL is set, Jitsi when
   * JITSI_DOMAIN is, no meetings when neither is.
   */
  MEETINGS_PROVIDER: z.enum(['livekit', 'jitsi']).optional(),
  /** Where browsers reach the LiveKit server: ws://… (loopback only) or wss://…. */
  LIVEKIT_URL: urlWith(['ws:', 'wss:'], 'must be a ws:// or wss:// URL, e.g. wss://livekit.example.org')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /** The API key and secret the LiveKit server knows (its `keys`); the secret signs tokens and LiveKit's webhooks. */
  LIVEKIT_API_KEY: z.string().trim().min(1).max(200).optional(),
  LIVEKIT_API_SECRET: secret(32).optional(),
  LIVEKIT_TOKEN_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),

  /**
   * ClamAV's daemon, which scans every uploaded file version before it may be downloaded, previewed
   * or opened (ADR 0055): tcp://host:port or unix:///path/to/clamd.ctl. Unset: uploads are not scanned.
   */
  CLAMD_URL: z
    .string()
    .trim()
    .regex(
      /^(tcp:\/\/[A-Za-z0-9.[\]:-]+:\d{1,5}|unix:\/\/\/\S+)$/,
      'must be tcp://host:port or unix:///path/to/clamd.ctl',
    )
    .optional(),

  /**
   * The mail server (ADR 0041): Keycloak sends invitations through it (the backend sets the realm's
   * SMTP settings at start) and the backend its own notices. Unset: no mail is sent.
   */
  SMTP_HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or address, e.g. mail.example.de')
    .optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** The sender's address and display name of every message. */
  SMTP_FROM: z.email('must be an email address, e.g. arbeitsbereich@example.de').max(254).optional(),
  SMTP_FROM_NAME: z.string().trim().min(1).max(100).default('Arbeitsbereich'),
  /** Sign-in at the mail server; both or neither. */
  SMTP_USER: z.string().trim().min(1).max(254).optional(),
  SMTP_PASSWORD: z.string().min(1).max(1000).optional(),
  /** `starttls` (port 587: plain, then upgraded; required), `tls` (port 465: TLS from the start), `none` (local only). */
  SMTP_TLS: z.enum(['starttls', 'tls', 'none'], { message: 'must be starttls, tls or none' }).default('starttls'),
  /** How long an invitation's link holds. */
  INVITATION_LIFESPAN_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(72),
  /** Invitations an admin may send again per minute. */
  INVITATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),

  /** Host (and port) of the Jitsi Meet web, e.g. meet.example.org; unset: no Jitsi. */
  JITSI_DOMAIN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a host name with an optional port, e.g. meet.example.org')
    .optional(),
  /** The tokens' issuer (`iss`), Jitsi's app id. */
  JITSI_APP_ID: z.string().trim().min(1).max(200).optional(),
  /** HS256: the secret shared with Prosody. */
  JITSI_APP_SECRET: secret(32).optional(),
  /** RS256: the private key (PEM, PKCS#8) and the key id Prosody's key server knows it by. */
  JITSI_PRIVATE_KEY_FILE: z.string().trim().min(1).optional(),
  JITSI_KEY_ID: z.string().trim().min(1).max(200).optional(),
  JITSI_AUDIENCE: z.string().trim().min(1).max(200).default('jitsi'),
  /** The tokens' `sub`: the Jitsi tenant or domain; default: JITSI_DOMAIN without its port. */
  JITSI_SUBJECT: z.string().trim().min(1).max(200).optional(),
  JITSI_TOKEN_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** Calls of the public guest-link routes per address and minute. */
  GUEST_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Signed calls of the video system (LiveKit's webhooks) per address and minute, counted apart from guests'. */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(1200),
  /** Per person and minute: uploads (new files and versions), exports, shared links and guest links, meeting events. */
  UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  EXPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  SHARE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  MEETING_EVENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),

  /** Where documents' bytes live: a folder on local disk, or an S3-compatible bucket. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** The folder of the local-disk storage. */
  STORAGE_DIR: z.string().trim().min(1).default('./data/files'),
  /** Unset: AWS S3 itself. */
  S3_ENDPOINT: httpUrl.optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** What each tenant's documents may take in storage, in MB (all versions and the trash); unset: no quota. */
  TENANT_STORAGE_QUOTA_MB: z.coerce.number().int().min(1).max(1_073_741_824).optional(),
  /** The largest upload, unless a tenant's policy sets a smaller one (it cannot set a larger one). */
  DOCUMENTS_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1_048_576).default(1024),
  /** The largest WebSocket frame a co-editing client may send (bytes); larger closes the socket (1009). */
  COLLAB_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .max(32 * 1024 * 1024)
    .default(1024 * 1024),
  /** The largest a collaborative text document may grow (bytes of its stored state); edits beyond are refused (4413). */
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .max(1024 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /** LibreOffice's `soffice` (previews and exports). */
  SOFFICE_PATH: z.string().trim().min(1).default('soffice'),
  /** A conversion running longer is stopped (and counts as failed). */
  CONVERSION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** LibreOffice processes at once (each needs a few hundred MB). */
  CONVERSION_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * How each conversion is confined (ADR 0018): `bwrap` (bubblewrap: no network, a read-only system,
   * only the job's own files); `off` runs LibreOffice unconfined, for platforms that cannot run bubblewrap.
   */
  CONVERSION_SANDBOX: z
    .enum(['bwrap', 'off'], { message: 'must be bwrap or off (off runs LibreOffice without a sandbox)' })
    .default('bwrap'),
  /** The bubblewrap program. */
  BWRAP_PATH: z.string().trim().min(1).default('bwrap'),
  /** The largest address space of a conversion's LibreOffice process, in MB. */
  CONVERSION_MEMORY_MB: z.coerce.number().int().min(256).max(65_536).default(2048),
  /** The WOPI host routes (/wopi/files/…) for an office suite such as Collabora Online. */
  WOPI_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Lifetime of a WOPI access token. */
  WOPI_TOKEN_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});

const jitsiSettings = [
  'JITSI_APP_ID',
  'JITSI_APP_SECRET',
  'JITSI_PRIVATE_KEY_FILE',
  'JITSI_KEY_ID',
  'JITSI_SUBJECT',
] as const;

const liveKitSettings = ['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const;

type MeetingSettings = Pick<z.output<typeof baseSchema>, 'MEETINGS_PROVIDER' | 'LIVEKIT_URL' | 'JITSI_DOMAIN'>;

/** The video system a configuration chooses (ADR 0040), or null for none. */
export function meetingsProviderOf(c: MeetingSettings): 'livekit' | 'jitsi' | null {
  if (c.MEETINGS_PROVIDER !== undefined) return c.MEETINGS_PROVIDER;
  if (c.LIVEKIT_URL !== undefined) return 'livekit';
  return c.JITSI_DOMAIN !== undefined ? 'jitsi' : null;
}

/**
 * The mail settings belong together: a sender with the host, a user with a password, nothing without the
 * host; a password never crosses the network unencrypted in production.
 */
function mailSettingsProblems(c: z.output<typeof baseSchema>, problem: (setting: string, message: string) => void) {
  if (c.SMTP_HOST === undefined) {
    for (const name of ['SMTP_FROM', 'SMTP_USER', 'SMTP_PASSWORD'] as const) {
      if (c[name] !== undefined) problem(name, 'is set, but SMTP_HOST is not: set SMTP_HOST too, or unset it');
    }
    return;
  }
  if (c.SMTP_FROM === undefined) problem('SMTP_FROM', "is needed with SMTP_HOST (the messages' sender)");
  if ((c.SMTP_USER === undefined) !== (c.SMTP_PASSWORD === undefined)) {
    problem(c.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD', 'and its partner are needed together');
  }
  if (c.NODE_ENV === 'production' && c.SMTP_TLS === 'none' && c.SMTP_PASSWORD !== undefined) {
    problem(
      'SMTP_TLS',
      'must be starttls or tls in production when SMTP_PASSWORD is set: the password would cross the network in clear',
    );
  }
}

/**
 * Production is served over HTTPS. One video system at a time: LiveKit's settings come together
 * (URL, key, secret), and with both LiveKit and Jitsi configured MEETINGS_PROVIDER chooses. The Jitsi settings belong together: with JITSI_DOMAIN an issuer and exactly
 * one way of signing (a secret, or a key file with its key id); without it none.
 */
export const configSchema = baseSchema.superRefine((c, ctx) => {
  const problem = (setting: string, message: string) => ctx.addIssue({ code: 'custom', path: [setting], message });
  if (c.NODE_ENV === 'production' && !c.PUBLIC_URL.startsWith('https:')) {
    problem(
      'PUBLIC_URL',
      'must be an https URL in production (NODE_ENV=production): the session cookie is only ever sent over HTTPS there',
    );
  }
  if (c.STORAGE_DRIVER === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (c[name] === undefined) problem(name, 'is needed with STORAGE_DRIVER=s3');
    }
  }
  if (c.MEETINGS_PROVIDER === undefined && c.LIVEKIT_URL !== undefined && c.JITSI_DOMAIN !== undefined) {
    problem('MEETINGS_PROVIDER', 'is needed when both LIVEKIT_URL and JITSI_DOMAIN are set: livekit or jitsi');
  }
  const provider = meetingsProviderOf(c);
  if (provider === 'jitsi' && c.JITSI_DOMAIN === undefined)
    problem('JITSI_DOMAIN', 'is needed with MEETINGS_PROVIDER=jitsi');
  if (provider === 'livekit' && c.LIVEKIT_URL === undefined)
    problem('LIVEKIT_URL', 'is needed with MEETINGS_PROVIDER=livekit');
  if (c.LIVEKIT_URL === undefined) {
    for (const name of liveKitSettings) {
      if (c[name] !== undefined) problem(name, 'is set, but LIVEKIT_URL is not: set LIVEKIT_URL too, or unset it');
    }
  } else {
    if (c.LIVEKIT_API_KEY === undefined) problem('LIVEKIT_API_KEY', 'is needed with LIVEKIT_URL');
    if (c.LIVEKIT_API_SECRET === undefined) problem('LIVEKIT_API_SECRET', 'is needed with LIVEKIT_URL');
    const host = new URL(c.LIVEKIT_URL).hostname;
    const loopback = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
    if (c.LIVEKIT_URL.startsWith('ws:') && !loopback) {
      problem('LIVEKIT_URL', 'must be a wss:// URL unless the server is on this machine (ws://127.0.0.1:…)');
    }
  }
  mailSettingsProblems(c, problem);
  if (c.JITSI_DOMAIN === undefined) {
    for (const name of jitsiSettings) {
      if (c[name] !== undefined) problem(name, 'is set, but JITSI_DOMAIN is not: set JITSI_DOMAIN too, or unset it');
    }
    return;
  }
  if (c.JITSI_APP_ID === undefined) problem('JITSI_APP_ID', "is needed with JITSI_DOMAIN (the tokens' issuer)");
  const hs = c.JITSI_APP_SECRET !== undefined;
  const rs = c.JITSI_PRIVATE_KEY_FILE !== undefined || c.JITSI_KEY_ID !== undefined;
  if (hs && rs) problem('JITSI_APP_SECRET', 'and JITSI_PRIVATE_KEY_FILE/JITSI_KEY_ID are both set: choose one');
  else if (!hs && !rs)
    problem('JITSI_APP_SECRET', 'or JITSI_PRIVATE_KEY_FILE with JITSI_KEY_ID is needed with JITSI_DOMAIN');
  else if (rs && c.JITSI_PRIVATE_KEY_FILE === undefined)
    problem('JITSI_PRIVATE_KEY_FILE', 'is needed with JITSI_KEY_ID (RS256)');
  else if (rs && c.JITSI_KEY_ID === undefined) problem('JITSI_KEY_ID', 'is needed with JITSI_PRIVATE_KEY_FILE (RS256)');
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

/** Settings whose values never appear in messages or logs. */
export const secretSettings: ReadonlySet<string> = new Set([
  'OPERATOR_TOKEN',
  'SESSION_SECRET',
  'KEYCLOAK_CLIENT_SECRET',
  'MATRIX_AS_TOKEN',
  'MATRIX_HS_TOKEN',
  'MATRIX_ADMIN_TOKEN',
  'JITSI_APP_SECRET',
  'LIVEKIT_API_SECRET',
  'S3_SECRET_ACCESS_KEY',
  'SMTP_PASSWORD',
]);
