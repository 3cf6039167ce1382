import { configSchema, secretSettings, type Config } from './configSchema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once at start. A wrong or missing setting throws a
 * ConfigError whose message names each offending variable (values of secret
 * settings are never echoed).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const raw = env[name];
    if (raw === undefined) return `${name} is missing (${issue.message})`;
    const shown = secretSettings.has(name) ? '(hidden)' : JSON.stringify(raw);
    return `${name} ${issue.message} (got ${shown})`;
  });
  throw new ConfigError(problems);
}
