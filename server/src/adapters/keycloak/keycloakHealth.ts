import type { PartHealth } from '../../domain/ports/health.js';
import { describeNetworkFailure, isTimeout } from '../shared/networkFailure.js';
import { parseBody, property } from './keycloakHttp.js';

export interface KeycloakHealthOptions {
  /** Keycloak's base URL, normalized (no trailing slash). */
  baseUrl: string;
  realm: string;
  /** Keycloak's management interface (serves /health/ready), normalized; optional. */
  managementUrl: string | undefined;
  timeoutMs: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Probes Keycloak: the realm's OIDC discovery document must answer and, when a
 * management URL is known, /health/ready must report ready. Never throws; a
 * failure becomes status "down" with a detail naming the cause.
 */
export async function probeKeycloak(options: KeycloakHealthOptions): Promise<PartHealth> {
  const startedAt = performance.now();
  let problems: string[];
  try {
    const results = await Promise.all([
      checkDiscovery(options),
      options.managementUrl === undefined ? undefined : checkReady(options.managementUrl, options.timeoutMs),
    ]);
    problems = results.filter((problem): problem is string => problem !== undefined);
  } catch (error) {
    problems = [`health check failed: ${error instanceof Error ? error.message : String(error)}`];
  }
  const latencyMs = Math.round(performance.now() - startedAt);
  return problems.length === 0
    ? { status: 'up', latencyMs }
    : { status: 'down', latencyMs, detail: problems.join('; ') };
}

async function checkDiscovery({ baseUrl, realm, timeoutMs }: KeycloakHealthOptions): Promise<string | undefined> {
  const answer = await get(
    `${baseUrl}/realms/${encodeURIComponent(realm)}/.well-known/openid-configuration`,
    baseUrl,
    timeoutMs,
  );
  if (typeof answer === 'string') return answer;
  if (answer.status === 404) return `realm ${realm} not found at ${baseUrl}`;
  if (answer.status !== 200) return `OIDC discovery of realm ${realm} at ${baseUrl} answered HTTP ${answer.status}`;
  if (typeof property(answer.body, 'issuer') !== 'string') {
    return `OIDC discovery of realm ${realm} at ${baseUrl} answered without an issuer`;
  }
  return undefined;
}

async function checkReady(managementUrl: string, timeoutMs: number): Promise<string | undefined> {
  const url = `${managementUrl}/health/ready`;
  const answer = await get(url, managementUrl, timeoutMs);
  if (typeof answer === 'string') return answer;
  if (answer.status === 404) return `no readiness endpoint at ${url} (is health-enabled set?)`;
  if (answer.status !== 200 || property(answer.body, 'status') !== 'UP') {
    const failing = failingChecks(answer.body);
    return `Keycloak not ready: HTTP ${answer.status} at ${url}${failing === '' ? '' : ` (${failing})`}`;
  }
  return undefined;
}

/** Names of the checks a MicroProfile Health answer reports as down. */
function failingChecks(body: unknown): string {
  const checks = property(body, 'checks');
  if (!Array.isArray(checks)) return '';
  return checks
    .filter((check) => property(check, 'status') !== 'UP')
    .map((check) => property(check, 'name'))
    .filter((name): name is string => typeof name === 'string')
    .join(', ');
}

/** GETs a URL; a string result describes why no answer arrived. */
async function get(url: string, target: string, timeoutMs: number): Promise<Answer | string> {
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: response.status, body: parseBody(await response.text()) };
  } catch (error) {
    return isTimeout(error) ? `no answer from ${target} within ${timeoutMs} ms` : describeNetworkFailure(error, target);
  }
}
