import { describe, expect, it } from 'vitest';
import { OidcSignIn } from '../../src/adapters/oidc/index.js';
import { SignInError } from '../../src/domain/ports/signIn.js';
import { CookieJar, pageMessage, parseLoginForm, request, submitLoginForm } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';

// The realm's OIDC clients against the real Keycloak (ADR 0045): tokens signed ES256 (ECDSA P-256),
// not RS256 (RSASSA-PKCS1-v1_5, which ASVS 5.0 disallows), and the workspace takes ID tokens signed
// so and no other way; PKCE required of both clients, no offline tokens, only the roles in scope.

const issuer = () => `${stackEnv('KEYCLOAK_URL')}/realms/${stackEnv('KEYCLOAK_REALM')}`;
const redirectUri = () => `${stackEnv('PUBLIC_URL')}/auth/callback`;

const provider = (options: { idTokenSigningAlg?: string; scope?: string } = {}) =>
  new OidcSignIn({
    issuer: issuer(),
    clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
    clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
    ...options,
  });

/** Signs a demo user in at Keycloak, as a browser would, up to the redirect back with the code. */
async function callbackFromKeycloak(authorizationUrl: string, username: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let response = await request(jar, url);
  for (let step = 0; step < 10; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.href.startsWith(redirectUri())) return next;
      url = next.href;
      response = await request(jar, url);
      continue;
    }
    const html = await response.text();
    const form = parseLoginForm(html);
    if (form === undefined) throw new Error(`no login form at ${url}: ${pageMessage(html)}`);
    ({ url, response } = await submitLoginForm(jar, url, form, username, stackEnv('DEMO_PASSWORD')));
  }
  throw new Error(`sign-in of ${username} did not come back`);
}

const partOf = (jwt: string, index: 0 | 1): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const headerOf = (jwt: string) => partOf(jwt, 0);
const claimsOf = (jwt: string) => partOf(jwt, 1);

/** A demo user's sign-in through the workspace's client, up to the tokens. */
async function signInThrough(signIn: OidcSignIn, username: string) {
  const pending = await signIn.startSignIn({ redirectUri: redirectUri() });
  const callback = await callbackFromKeycloak(pending.authorizationUrl, username);
  return { pending, callback, tokens: await signIn.completeSignIn(callback, pending) };
}

describe('token signatures', () => {
  it('are ES256 for the ID token, and the workspace takes it', async () => {
    const { tokens } = await signInThrough(provider(), 'bernd.beispiel');
    expect(tokens.identity.username).toBe('bernd.beispiel');
    expect(headerOf(tokens.idToken!)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(headerOf(tokens.accessToken)).toMatchObject({ alg: 'ES256' });
  });

  it('are refused when the ID token is not signed with the one algorithm the workspace expects', async () => {
    const signIn = provider({ idTokenSigningAlg: 'RS256' });
    const pending = await signIn.startSignIn({ redirectUri: redirectUri() });
    const callback = await callbackFromKeycloak(pending.authorizationUrl, 'bernd.beispiel');
    const refused = await signIn.completeSignIn(callback, pending).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SignInError);
    expect(refused).toMatchObject({ reason: 'invalid' });
    // openid-client's own words, down the chain of causes.
    const causes: string[] = [];
    for (let cause: unknown = refused; cause instanceof Error; cause = cause.cause) causes.push(cause.message);
    expect(causes.join(' / ')).toMatch(/unexpected JWT "alg" header parameter/);
  });

  it('come from an EC P-256 key only: the realm publishes no RSA signing key', async () => {
    const certs = (await (await fetch(`${issuer()}/protocol/openid-connect/certs`)).json()) as {
      keys: Array<{ kty: string; alg?: string; use?: string; crv?: string }>;
    };
    const signing = certs.keys.filter((key) => key.use === 'sig');
    expect(signing.length).toBeGreaterThan(0);
    expect(signing.map((key) => [key.kty, key.alg, key.crv])).toEqual(signing.map(() => ['EC', 'ES256', 'P-256']));
  });
});

describe('the clients', () => {
  it('give the workspace no offline token: a sign-in asking for one is refused', async () => {
    await expect(
      signInThrough(provider({ scope: 'openid profile email offline_access' }), 'bernd.beispiel'),
    ).rejects.toThrow(/invalid_scope/);
  });

  it('put only the roles in the client’s scope into its tokens', async () => {
    const member = await signInThrough(provider(), 'bernd.beispiel');
    expect(member.tokens.identity.roles).toEqual([]);
    expect(claimsOf(member.tokens.accessToken).realm_access).toBeUndefined();
    const platformAdmin = await signInThrough(provider(), 'paula.plattform');
    expect(platformAdmin.tokens.identity.roles).toEqual(['platform-admin']);
  });

  it('accept a code once; presenting it again ends what it gave (ASVS 10.4.2)', async () => {
    const signIn = provider();
    const { pending, callback, tokens } = await signInThrough(signIn, 'bernd.beispiel');
    await expect(signIn.completeSignIn(callback, pending)).rejects.toThrow(/invalid_grant/);
    await expect(signIn.refresh(tokens.refreshToken!)).rejects.toThrow(/invalid_grant/);
  });

  it('require PKCE of the chat’s client too', async () => {
    const synapseCallback = `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/client/oidc/callback`;
    const query = new URLSearchParams({
      client_id: 'synapse',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: synapseCallback,
      state: 'pkce-probe',
    });
    const answer = await fetch(`${issuer()}/protocol/openid-connect/auth?${query}`, { redirect: 'manual' });
    await answer.body?.cancel();
    const location = new URL(answer.headers.get('location') ?? '', issuer());
    expect(location.href.startsWith(synapseCallback)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/code_challenge/);
  });
});
