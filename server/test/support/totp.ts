import { createHmac } from 'node:crypto';
import { stackEnv } from './stackEnv.js';

/**
 * One-time codes (TOTP, RFC 6238 with HMAC-SHA-1, 6 digits, 30 s), as an
 * authenticator app computes them. Keycloak uses the bytes of the stored
 * secret's characters as the key.
 */
export function totpCode(secret: string, at: number = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', Buffer.from(secret, 'utf8')).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** The demo users carry a one-time-code credential with the stack's known secret (realm template). */
const demoUsers = new Set(['amelie.admin', 'bernd.beispiel', 'gabi.gast', 'paula.plattform']);
/** Secrets of people who set up their code during this test process. */
const learned = new Map<string, string>();

/** The one-time-code secret of a person, if the tests know it. */
export function totpSecretOf(username: string): string | undefined {
  const name = username.toLowerCase();
  return learned.get(name) ?? (demoUsers.has(name) ? stackEnv('DEMO_TOTP_SECRET') : undefined);
}

/** Remembers the secret a person's authenticator got when they set it up on Keycloak's page. */
export function rememberTotpSecret(username: string, secret: string): void {
  learned.set(username.toLowerCase(), secret);
}
