import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { SignInError, type LogoutNotice } from '../../domain/ports/signIn.js';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused (replayed or stuck in a queue). */
export const LOGOUT_TOKEN_MAX_AGE_S = 120;
const CLOCK_TOLERANCE_S = 30;
/** Signatures we accept on logout tokens: asymmetric only, never "none" or a shared secret. */
const LOGOUT_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** The explicit type of a logout token (Back-Channel Logout 1.0, section 2.4; RFC 8725 3.11). */
const LOGOUT_TOKEN_TYPE = 'logout+jwt';

export interface LogoutTokenExpectations {
  issuer: string;
  audience: string;
  /** Milliseconds since the epoch. */
  now: number;
}

const refused = (why: string): SignInError => new SignInError('invalid', `logout token rejected: ${why}`);

/**
 * Verifies a back-channel logout token (OpenID Connect Back-Channel Logout
 * 1.0, section 2.6): signature by one of the provider's keys (asymmetric),
 * issuer, audience, issued within the last two minutes; a `typ` header, when
 * present, of `logout+jwt` (so an ID or access token, typed `JWT`, is not
 * taken for one); the back-channel logout event; no `nonce`; a `jti`; and
 * `sub` or `sid`. Whether the `jti` was seen before is the caller's check:
 * the notice says until when the token could be accepted.
 */
export async function verifyLogoutToken(
  token: string,
  keys: JWTVerifyGetKey,
  expected: LogoutTokenExpectations,
): Promise<LogoutNotice> {
  let payload: JWTPayload;
  let typ: string | undefined;
  try {
    const verified = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: LOGOUT_TOKEN_ALGORITHMS,
      maxTokenAge: LOGOUT_TOKEN_MAX_AGE_S,
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(expected.now),
      requiredClaims: ['iat', 'jti'],
    });
    payload = verified.payload;
    typ = verified.protectedHeader.typ;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) {
      throw refused(error.code);
    }
    throw error;
  }
  // Media types compare without case, and "application/" may be left out (RFC 7515, 4.1.9).
  if (typ !== undefined && typ.toLowerCase().replace(/^application\//, '') !== LOGOUT_TOKEN_TYPE) {
    throw refused(`its type is ${JSON.stringify(typ)}, not ${LOGOUT_TOKEN_TYPE}`);
  }
  const events = payload.events;
  if (typeof events !== 'object' || events === null || Array.isArray(events) || !(BACKCHANNEL_LOGOUT_EVENT in events)) {
    throw refused('no back-channel logout event');
  }
  const event = (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT];
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw refused('the back-channel logout event is not a JSON object');
  }
  if ('nonce' in payload) throw refused('it carries a nonce');
  if (typeof payload.jti !== 'string' || payload.jti === '') throw refused('no jti');
  const subject = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : null;
  const sid = typeof payload.sid === 'string' && payload.sid !== '' ? payload.sid : null;
  if (subject === null && sid === null) throw refused('neither sub nor sid');
  // The last moment this token passes the checks above: its age limit, or its expiry if sooner.
  let acceptableUntil = ((payload.iat as number) + LOGOUT_TOKEN_MAX_AGE_S + CLOCK_TOLERANCE_S) * 1000;
  if (typeof payload.exp === 'number') {
    acceptableUntil = Math.min(acceptableUntil, (payload.exp + CLOCK_TOLERANCE_S) * 1000);
  }
  return {
    subject,
    providerSessionId: sid,
    tokenId: `${expected.issuer} ${payload.jti}`,
    acceptableUntil,
  };
}
