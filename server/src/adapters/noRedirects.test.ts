import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeycloakChangeFeed } from './keycloak/keycloakChangeFeed.js';
import { KeycloakDirectory } from './keycloak/keycloakDirectory.js';
import { probeKeycloak } from './keycloak/keycloakHealth.js';
import { ClientCredentialsToken } from './keycloak/keycloakToken.js';
import { MatrixHttp } from './matrix/matrixHttp.js';
import { OidcSignIn } from './oidc/oidcSignIn.js';

// The backend's calls to Keycloak and Synapse never follow a redirect (ASVS 15.3.2): a redirect
// would take the client secret or a token to wherever the answer points. A local server answers
// every request with 302 to a path of its own, except a token endpoint (realm `ok`), so the admin
// API's own requests are reached; whether anything followed shows in the hits of that path.

let server: Server;
let base: string;
let followed: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/elsewhere')) {
      followed.push(`${req.method} ${url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    if (req.method === 'POST' && url === '/realms/ok/protocol/openid-connect/token') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'token-of-ok', expires_in: 300, token_type: 'Bearer' }));
      return;
    }
    res.writeHead(302, { Location: `${base}/elsewhere${url}` });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  followed = [];
});

const keycloak = (realm: string) => ({ baseUrl: base, realm, clientId: 'c', clientSecret: 's'.repeat(32) });

describe('calls to Keycloak', () => {
  it('do not follow a redirect of the token request', async () => {
    await expect(new ClientCredentialsToken({ ...keycloak('moved'), timeoutMs: 2000 }).get()).rejects.toThrow(/302/);
    expect(followed).toEqual([]);
  });

  it('do not follow a redirect of the admin API (admin events)', async () => {
    await expect(
      new KeycloakChangeFeed({ ...keycloak('ok'), timeoutMs: 2000 }).userChangesSince(0, 10),
    ).rejects.toThrow(/302/);
    expect(followed).toEqual([]);
  });

  it('do not follow a redirect of the admin API (admin client)', async () => {
    await expect(
      new KeycloakDirectory({ ...keycloak('ok'), timeoutMs: 2000 }).ensurePasswordPolicy('length(12)'),
    ).rejects.toThrow();
    expect(followed).toEqual([]);
  });

  it('do not follow a redirect of the health probe, which reports Keycloak down', async () => {
    const health = await probeKeycloak({ baseUrl: base, realm: 'ok', managementUrl: base, timeoutMs: 2000 });
    expect(health.status).toBe('down');
    expect(followed).toEqual([]);
  });

  it('do not follow a redirect of the sign-in’s discovery', async () => {
    const signIn = new OidcSignIn({ issuer: `${base}/realms/ok`, clientId: 'c', clientSecret: 's', timeoutMs: 2000 });
    await expect(signIn.startSignIn({ redirectUri: `${base}/auth/callback` })).rejects.toThrow();
    expect(followed).toEqual([]);
  });
});

describe('calls to Synapse', () => {
  const matrix = () => new MatrixHttp({ homeserverUrl: base, asToken: 'a'.repeat(32), timeoutMs: 2000 });

  it('do not follow a redirect of the client-server API', async () => {
    await expect(matrix().call({ method: 'GET', path: '/account/whoami' })).rejects.toThrow(/302/);
    expect(followed).toEqual([]);
  });

  it('do not follow a redirect of a health probe', async () => {
    expect((await matrix().probe('/health')).status).toBe(302);
    expect(followed).toEqual([]);
  });
});
