import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './paths.mjs';

const require = createRequire(import.meta.url);

/** The project's own seed: long passwords common in German administration, one per line. */
export const seedFile = path.join(root, 'deploy/keycloak/password-deny-list.txt');

/**
 * The common-password list of zxcvbn (about 49,000 passwords leaked most often, MIT licence), from
 * the npm package `@zxcvbn-ts/language-common` the lock file pins.
 */
export function commonPasswords() {
  const file = require.resolve('@zxcvbn-ts/language-common/src/passwords.json');
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list) || list.length < 10_000) throw new Error(`Unexpected common-password list in ${file}`);
  return list;
}

/**
 * The deny list Keycloak's passwordBlacklist policy reads: the seed and the common passwords, in
 * lower case (Keycloak lower-cases both the list and the password it checks), without blanks or
 * repeats, one per line.
 *
 * Its length matters beyond what it denies: Keycloak keeps the list in a Bloom filter sized by the
 * number of lines, and a filter of a few dozen lines wrongly refuses about one random password in
 * 2,500 (measured against Keycloak's Guava), where one of tens of thousands keeps to the configured
 * false-positive probability.
 */
export function denyList(seed = fs.readFileSync(seedFile, 'utf8').split('\n'), common = commonPasswords()) {
  const entries = new Set();
  for (const line of [...seed, ...common]) {
    const entry = String(line).trim().toLowerCase();
    if (entry !== '') entries.add(entry);
  }
  return [...entries].join('\n') + '\n';
}
