import fs from 'node:fs';
import { configSchema, secretSettings, type Config } from './configSchema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Settings that may instead name a file holding the value (`<NAME>_FILE`, as Docker and Kubernetes secrets). */
export const fileSettings: ReadonlySet<string> = new Set([
  ...secretSettings,
  'DATABASE_URL',
  'REDIS_URL',
  'S3_ACCESS_KEY_ID',
  'SMTP_USER',
]);

/**
 * Reads `<NAME>_FILE` for the settings that allow it: the file's content without its final line
 * break becomes `<NAME>`. Both set, or a file that cannot be read, is a problem.
 */
function withFileSettings(env: NodeJS.ProcessEnv, problems: string[]): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const name of fileSettings) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name} and ${name}_FILE are both set: choose one`);
      continue;
    }
    try {
      resolved[name] = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE ${JSON.stringify(file)} cannot be read (${code})`);
    }
  }
  return resolved;
}

/** A value as an error message may show it: secrets hidden, a URL's password masked. */
function shownValue(name: string, raw: string): string {
  if (secretSettings.has(name)) return '(hidden)';
  return JSON.stringify(raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@'));
}

/**
 * Validates the environment once at start. A wrong or missing setting throws a
 * ConfigError whose message names each offending variable (values of secret
 * settings are never echoed, nor the password in a URL).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const resolved = withFileSettings(env, problems);
  const result = configSchema.safeParse(resolved);
  if (result.success && problems.length === 0) return result.data;
  for (const issue of result.success ? [] : result.error.issues) {
    const name = String(issue.path[0] ?? '(environment)');
    const raw = resolved[name];
    problems.push(
      raw === undefined
        ? `${name} is missing (${issue.message})`
        : `${name} ${issue.message} (got ${shownValue(name, raw)})`,
    );
  }
  throw new ConfigError(problems);
}
