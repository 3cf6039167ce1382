/**
 * Signing people in through an OpenID provider, seen from the domain: the
 * authorization code flow with PKCE, token refresh, RP-initiated logout and
 * back-channel logout tokens. Nothing here names a vendor; the provider is
 * configured by its issuer URL.
 */

/** The secrets of one sign-in in progress; kept server-side until the callback. */
export interface PendingSignIn {
  /** Where to send the browser (the provider's authorization endpoint with all parameters). */
  authorizationUrl: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface StartSignInOptions {
  /** Our callback URL, as registered at the provider. */
  redirectUri: string;
  /** Language of the provider's pages (OIDC `ui_locales`), e.g. "de". */
  locale?: string;
  /** The authentication context class to ask for (OIDC `acr_values`), e.g. the one of a second factor. */
  acr?: string;
}

/** Who signed in, from the validated ID token. */
export interface SignedInIdentity {
  /** The provider's stable user id (`sub`). */
  subject: string;
  /** The provider's session id (`sid`), used by back-channel logout. */
  providerSessionId: string | null;
  username: string;
  displayName: string;
  /** Roles granted by the provider (platform-wide roles, not tenant roles). */
  roles: string[];
  /** How the person was authenticated (the ID token's `acr`), if the provider said. */
  acr: string | null;
}

export interface SignInTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** When the access token expires, in epoch milliseconds. */
  accessTokenExpiresAt: number;
  /** The identity from the ID token; a refresh answer without ID token leaves it undefined. */
  identity: SignedInIdentity | undefined;
}

export interface CompleteSignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The claims of a verified back-channel logout token that say which sessions end. */
export interface LogoutNotice {
  subject: string | null;
  providerSessionId: string | null;
  /** The token's identity (issuer and `jti`): a token is acted on once, a replay is refused. */
  tokenId: string;
  /** Until when (epoch milliseconds) the token would pass verification, so how long to remember it. */
  acceptableUntil: number;
}

/**
 * The identity provider's live sessions of a person. A back-channel logout may name one session
 * where the provider ended several (Keycloak's "sign out from other devices" sends one logout
 * token, keycloak/keycloak#32124); the workspace then ends those of the person's sessions whose
 * provider session is gone.
 */
export interface ProviderSessions {
  /** The ids (`sid`) of the person's live sessions at the provider. */
  liveSessionIds(subject: string): Promise<string[]>;
}

export type SignInFailureReason =
  /** The provider no longer knows the session or the grant (e.g. it was ended there): sign in again. */
  | 'session-ended'
  /** The answer or token did not pass validation (wrong state, signature, audience, …). */
  | 'invalid'
  /** The provider could not be reached or answered with a server error: try again later. */
  | 'unavailable';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly reason: SignInFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSignInError(error: unknown, reason?: SignInFailureReason): error is SignInError {
  return error instanceof SignInError && (reason === undefined || error.reason === reason);
}

export interface SignInProvider {
  /** Prepares a sign-in: fresh state, nonce and PKCE verifier, and the URL to send the browser to. */
  startSignIn(options: StartSignInOptions): Promise<PendingSignIn>;
  /**
   * Takes the provider's answer at our callback (the full callback URL),
   * checks state, nonce and PKCE, exchanges the code and validates the ID token.
   */
  completeSignIn(
    callbackUrl: URL,
    checks: CompleteSignInChecks,
  ): Promise<SignInTokens & { identity: SignedInIdentity }>;
  /** Refresh grant. Throws SignInError('session-ended') when the provider ended the session. */
  refresh(refreshToken: string): Promise<SignInTokens>;
  /** URL of the provider's end-session endpoint (RP-initiated logout). */
  endSessionUrl(options: { idTokenHint: string | null; postLogoutRedirectUri: string }): Promise<string>;
  /**
   * Verifies a back-channel logout token (signature, claims, type); throws
   * SignInError('invalid') when it is not acceptable. Replays are the caller's check (`tokenId`).
   */
  verifyLogoutToken(token: string): Promise<LogoutNotice>;
}
