import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const token = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

function demoPassword() {
  // Readable, typeable, and strong enough for Keycloak's default policy.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const pick = () => alphabet[crypto.randomInt(alphabet.length)];
  return `Demo-${Array.from({ length: 10 }, pick).join('')}`;
}

function demoTotpSecret() {
  // The demo users' one-time-code key (the characters' bytes are the key, as in Keycloak's own credentials).
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 20 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
}

const generators = {
  sessionSecret: () => token(48),
  backendClientSecret: () => token(),
  synapseClientSecret: () => token(),
  asToken: () => token(),
  hsToken: () => token(),
  harnessAsToken: () => token(),
  operatorToken: () => token(),
  harnessHsToken: () => token(),
  macaroonSecret: () => token(),
  registrationSharedSecret: () => token(),
  formSecret: () => token(),
  keycloakAdminPassword: () => token(18),
  s3AccessKey: () => `ws${crypto.randomBytes(9).toString('hex')}`,
  s3SecretKey: () => token(),
  // LiveKit's API key and secret (the secret signs the meeting tokens and LiveKit's webhooks).
  livekitApiKey: () => `ws${crypto.randomBytes(8).toString('hex')}`,
  livekitApiSecret: () => token(),
  demoPassword,
  demoTotpSecret,
};

/**
 * Secrets of one local stack, generated on its first start and kept (mode 0600)
 * in its ignored state folder. Nothing secret is ever committed.
 */
export function loadSecrets(dir) {
  const file = path.join(dir, 'secrets.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const [name, generate] of Object.entries(generators)) {
    if (!existing[name]) {
      existing[name] = generate();
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(existing, null, 2), { mode: 0o600 });
  }
  return existing;
}
