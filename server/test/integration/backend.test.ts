import { afterEach, describe, expect, it } from 'vitest';
import { stackEnv } from '../support/stackEnv.js';
import { freePort, startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { signInDemo } from '../support/signIn.js';

interface Readiness {
  status: string;
  checks: Record<string, { status: string; latencyMs: number; detail?: string }>;
}

/**
 * /readyz as a platform admin sees it: each part's state. (Anyone else learns only
 * whether the workspace is ready.) A backend started beside the stack shares its
 * database and SESSION_SECRET, so the stack's session works there too.
 */
async function readinessAsAdmin(baseUrl: string): Promise<Response> {
  const paula = await signInDemo('paula.plattform');
  return fetch(`${baseUrl}/readyz`, { headers: { Cookie: paula.cookie } });
}

/** Each part's state as monitoring reads it, with the operator's key: also when nobody can sign in. */
function readinessAsOperator(baseUrl: string): Promise<Response> {
  return fetch(`${baseUrl}/readyz`, { headers: { Authorization: `Bearer ${stackEnv('OPERATOR_TOKEN')}` } });
}

describe('the running backend of the test stack', () => {
  const url = () => stackEnv('WORKSPACE_URL');

  it('tells anyone only that it is ready', async () => {
    const response = await fetch(`${url()}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('is ready: database, Keycloak and Synapse all up', async () => {
    const response = await readinessAsAdmin(url());
    const body = (await response.json()) as Readiness;
    expect(response.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'keycloak', 'synapse']);
    for (const check of Object.values(body.checks)) expect(check.status).toBe('up');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${url()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API routes with problem+json and a request id', async () => {
    const response = await fetch(`${url()}/api/nothing-here`, { headers: { 'x-request-id': 'test-request-0001' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found', requestId: 'test-request-0001' });
  });

  it('serves the built client with a strict content security policy', async () => {
    const response = await fetch(`${url()}/some/deep/link`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="de"');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(stackEnv('MATRIX_HOMESERVER_URL'));
  });

  it('accepts Application Service transactions only with the homeserver token', async () => {
    const path = `${url()}/_matrix/app/v1/transactions/t1`;
    const body = JSON.stringify({ events: [] });
    const headers = { 'content-type': 'application/json' };
    const wrong = await fetch(path, { method: 'PUT', body, headers: { ...headers, authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(403);
    const right = await fetch(path, {
      method: 'PUT',
      body,
      headers: { ...headers, authorization: `Bearer ${stackEnv('MATRIX_HS_TOKEN')}` },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({});
  });
});

describe('starting the backend', () => {
  let run: BackendRun | undefined;
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  it('refuses an invalid PUBLIC_URL with a message naming it', async () => {
    run = await startBackend({ PUBLIC_URL: 'localhost:3000' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('Invalid configuration');
    expect(run.output()).toMatch(/PUBLIC_URL must be an absolute http\(s\) URL.*"localhost:3000"/);
  });

  it('names a missing secret without printing any secret', async () => {
    run = await startBackend({ KEYCLOAK_CLIENT_SECRET: undefined, MATRIX_AS_TOKEN: 'too-short' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('KEYCLOAK_CLIENT_SECRET is missing');
    expect(run.output()).toContain('MATRIX_AS_TOKEN must be at least 32 characters long (got (hidden))');
    expect(run.output()).not.toContain('too-short');
  });

  it('says clearly when its port is taken', async () => {
    const port = new URL(stackEnv('WORKSPACE_URL')).port;
    run = await startBackend({ PORT: port });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('turns /readyz red and names Synapse when Synapse cannot be reached', async () => {
    const deadPort = await freePort();
    run = await startBackend({ MATRIX_HOMESERVER_URL: `http://127.0.0.1:${deadPort}` });
    await waitUntilListening(run);
    const anonymous = await fetch(`${run.url}/readyz`);
    expect(anonymous.status).toBe(503);
    expect(await anonymous.json()).toEqual({ status: 'not-ready' });
    const wrongKey = await fetch(`${run.url}/readyz`, { headers: { Authorization: `Bearer ${'x'.repeat(43)}` } });
    expect(await wrongKey.json()).toEqual({ status: 'not-ready' });
    const response = await readinessAsOperator(run.url);
    const body = (await response.json()) as Readiness;
    expect(response.status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.checks.synapse?.status).toBe('down');
    expect(body.checks.synapse?.detail).toMatch(/refused|ECONNREFUSED/i);
    expect(body.checks.keycloak?.status).toBe('up');
    expect(body.checks.database?.status).toBe('up');
  });

  it('turns /readyz red and names Keycloak when Keycloak cannot be reached', async () => {
    const deadPort = await freePort();
    run = await startBackend({
      KEYCLOAK_URL: `http://127.0.0.1:${deadPort}`,
      KEYCLOAK_MANAGEMENT_URL: `http://127.0.0.1:${deadPort}`,
    });
    await waitUntilListening(run);
    const response = await readinessAsOperator(run.url);
    const body = (await response.json()) as Readiness;
    expect(response.status).toBe(503);
    expect(body.checks.keycloak?.status).toBe('down');
    expect(body.checks.keycloak?.detail).toMatch(/refused|ECONNREFUSED/i);
    expect(body.checks.synapse?.status).toBe('up');
  });

  it('stops gracefully on SIGTERM', async () => {
    run = await startBackend({});
    await waitUntilListening(run);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
  });
});
