import * as client from 'openid-client';
import { createRemoteJWKSet, errors as joseErrors } from 'jose';
import {
  SignInError,
  type CompleteSignInChecks,
  type LogoutNotice,
  type PendingSignIn,
  type SignInProvider,
  type SignInTokens,
  type SignedInIdentity,
  type StartSignInOptions,
} from '../../domain/ports/signIn.js';
import { describeNetworkFailure, isTimeout } from '../shared/networkFailure.js';
import { verifyLogoutToken } from './logoutToken.js';

export interface OidcSignInOptions {
  /** The provider's issuer URL, e.g. http://localhost:8080/realms/workspace. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claim of the ID token that lists the person's platform-wide roles. */
  rolesClaim?: string;
  /** Time limit for each request to the provider. */
  timeoutMs?: number;
  /** Scopes asked for at sign-in. */
  scope?: string;
  /** Milliseconds since the epoch, for the access token's expiry; injected by tests. */
  now?: () => number;
  /**
   * The one algorithm ID tokens must be signed with (`id_token_signed_response_alg`); ES256, the
   * realm's default signature algorithm (ADR 0045). A token signed otherwise is refused.
   */
  idTokenSigningAlg?: string;
}

/** ECDSA P-256 with SHA-256: the realm's signature algorithm (ADR 0045), not RSASSA-PKCS1-v1_5. */
export const ID_TOKEN_SIGNING_ALG = 'ES256';

const DEFAULT_TIMEOUT_MS = 10_000;
interface Discovered {
  config: client.Configuration;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  issuer: string;
}

/**
 * Sign-in through any OpenID Connect provider with openid-client (code flow,
 * PKCE S256, state and nonce) and jose (back-channel logout tokens). The
 * provider's metadata is discovered on first use and again after a failure,
 * so the backend starts even while the provider is down. Messages never carry
 * tokens or the client secret.
 */
export class OidcSignIn implements SignInProvider {
  readonly #options: Required<OidcSignInOptions>;
  #discovered: Promise<Discovered> | undefined;

  constructor(options: OidcSignInOptions) {
    this.#options = {
      issuer: options.issuer.replace(/\/+$/, ''),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      rolesClaim: options.rolesClaim ?? 'realm_roles',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      scope: options.scope ?? 'openid profile email',
      now: options.now ?? Date.now,
      idTokenSigningAlg: options.idTokenSigningAlg ?? ID_TOKEN_SIGNING_ALG,
    };
  }

  async startSignIn(options: StartSignInOptions): Promise<PendingSignIn> {
    const { config } = await this.#discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const parameters: Record<string, string> = {
      redirect_uri: options.redirectUri,
      scope: this.#options.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (options.locale !== undefined) parameters.ui_locales = options.locale;
    if (options.acr !== undefined) parameters.acr_values = options.acr;
    const url = client.buildAuthorizationUrl(config, parameters);
    return { authorizationUrl: url.href, state, nonce, codeVerifier };
  }

  async completeSignIn(
    callbackUrl: URL,
    checks: CompleteSignInChecks,
  ): Promise<SignInTokens & { identity: SignedInIdentity }> {
    const { config } = await this.#discover();
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.#translate('code exchange', error);
    }
    const result = this.#toTokens(tokens);
    if (result.identity === undefined) {
      throw new SignInError('invalid', 'code exchange: the answer holds no ID token');
    }
    return { ...result, identity: result.identity };
  }

  async refresh(refreshToken: string): Promise<SignInTokens> {
    const { config } = await this.#discover();
    try {
      return this.#toTokens(await client.refreshTokenGrant(config, refreshToken));
    } catch (error) {
      throw this.#translate('token refresh', error);
    }
  }

  async endSessionUrl(options: { idTokenHint: string | null; postLogoutRedirectUri: string }): Promise<string> {
    const { config } = await this.#discover();
    const parameters: Record<string, string> = {
      client_id: this.#options.clientId,
      post_logout_redirect_uri: options.postLogoutRedirectUri,
    };
    if (options.idTokenHint !== null) parameters.id_token_hint = options.idTokenHint;
    try {
      return client.buildEndSessionUrl(config, parameters).href;
    } catch (error) {
      throw this.#translate('end-session URL', error);
    }
  }

  async verifyLogoutToken(token: string): Promise<LogoutNotice> {
    const { jwks, issuer } = await this.#discover();
    try {
      return await verifyLogoutToken(token, jwks, {
        issuer,
        audience: this.#options.clientId,
        now: this.#options.now(),
      });
    } catch (error) {
      throw this.#translate('logout token key set', error);
    }
  }

  #toTokens(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): SignInTokens {
    const expiresIn = tokens.expiresIn() ?? 60;
    const claims = tokens.claims();
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      idToken: tokens.id_token ?? null,
      accessTokenExpiresAt: this.#options.now() + expiresIn * 1000,
      identity: claims === undefined ? undefined : this.#identity(claims),
    };
  }

  #identity(claims: client.IDToken): SignedInIdentity {
    const text = (name: string): string | undefined => {
      const value = claims[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const username = text('preferred_username') ?? claims.sub;
    const fullName = [text('given_name'), text('family_name')].filter((part) => part !== undefined).join(' ');
    const rolesValue = claims[this.#options.rolesClaim];
    const roles = Array.isArray(rolesValue)
      ? rolesValue.filter((role): role is string => typeof role === 'string')
      : [];
    return {
      subject: claims.sub,
      providerSessionId: text('sid') ?? null,
      username,
      displayName: text('name') ?? (fullName === '' ? username : fullName),
      roles,
      acr: text('acr') ?? null,
    };
  }

  #discover(): Promise<Discovered> {
    this.#discovered ??= this.#runDiscovery().catch((error: unknown) => {
      this.#discovered = undefined;
      throw this.#translate(`discovery of ${this.#options.issuer}`, error);
    });
    return this.#discovered;
  }

  async #runDiscovery(): Promise<Discovered> {
    const { issuer, clientId, clientSecret, timeoutMs, idTokenSigningAlg } = this.#options;
    const execute: Array<(config: client.Configuration) => void> = [client.enableNonRepudiationChecks];
    // Plain HTTP is for the embedded stack on one machine; production issuers use HTTPS.
    if (issuer.startsWith('http:')) execute.push(client.allowInsecureRequests);
    const config = await client.discovery(
      new URL(issuer),
      clientId,
      { client_secret: clientSecret, id_token_signed_response_alg: idTokenSigningAlg },
      client.ClientSecretBasic(clientSecret),
      { execute, timeout: Math.ceil(timeoutMs / 1000) },
    );
    const metadata = config.serverMetadata();
    if (metadata.jwks_uri === undefined) {
      throw new SignInError('invalid', `discovery of ${issuer}: the provider names no key set (jwks_uri)`);
    }
    const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      timeoutDuration: timeoutMs,
      cooldownDuration: 30_000,
    });
    return { config, jwks, issuer: metadata.issuer };
  }

  /** Sorts a failure into "sign in again", "invalid" and "try later"; never echoes tokens. */
  #translate(operation: string, error: unknown): SignInError {
    if (error instanceof SignInError) return error;
    if (error instanceof client.ResponseBodyError) {
      const detail = `${operation} failed: HTTP ${error.status}: ${error.error}`;
      if (error.status >= 500 || error.status === 429) return new SignInError('unavailable', detail);
      if (error.error === 'invalid_grant') return new SignInError('session-ended', detail);
      return new SignInError('invalid', detail);
    }
    if (error instanceof client.AuthorizationResponseError) {
      return new SignInError('invalid', `${operation}: the provider answered ${error.error}`);
    }
    if (isTimeout(error) || error instanceof joseErrors.JWKSTimeout) {
      return new SignInError(
        'unavailable',
        `${operation}: no answer from ${this.#options.issuer} within ${this.#options.timeoutMs} ms`,
      );
    }
    if (error instanceof client.ClientError) {
      if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') {
        return new SignInError('unavailable', `${operation}: no answer from ${this.#options.issuer} in time`);
      }
      const status = error.cause instanceof Response ? error.cause.status : undefined;
      if (status !== undefined && (status >= 500 || status === 429)) {
        return new SignInError('unavailable', `${operation} failed: HTTP ${status}`);
      }
      return new SignInError('invalid', `${operation} failed: ${error.message}`, { cause: error });
    }
    if (error instanceof TypeError) {
      return new SignInError('unavailable', `${operation}: ${describeNetworkFailure(error, this.#options.issuer)}`);
    }
    if (error instanceof joseErrors.JOSEError) {
      return new SignInError('unavailable', `${operation} failed: ${error.code}`);
    }
    return new SignInError(
      'unavailable',
      `${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
