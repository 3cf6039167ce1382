import type { Actor } from '../../domain/actor.js';
import { rolesForSession, type SecondFactorReason } from '../../domain/policies/secondFactor.js';
import type {
  EndedSession,
  SessionPerson,
  SessionStore,
  SessionTarget,
  StoredSession,
} from '../../domain/ports/sessions.js';
import {
  isSignInError,
  SignInError,
  type LogoutNotice,
  type ProviderSessions,
  type SignInProvider,
  type SignInTokens,
  type SignedInIdentity,
} from '../../domain/ports/signIn.js';
import type { Store } from '../../domain/ports/store.js';
import { endSessions } from './endSessions.js';
import { actorFields, auditSession } from './sessionAudit.js';
import { randomSecret, sha256, type TokenCipher } from './tokenCipher.js';

/** What the session commands report: a structured field object and a message. */
/**
 * When, after a back-channel logout, the people's other sessions are compared with the provider's:
 * Keycloak ends the sessions it does not name only after the workspace has answered.
 */
export const PROVIDER_RECHECK_DELAYS_MS = [3_000, 15_000];

export interface SessionLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SessionSettings {
  /** A session unused for longer than this ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
  /** Tokens are refreshed when the access token expires within this time. */
  refreshBeforeMs: number;
  /** last_seen_at is written at most this often. */
  touchEveryMs: number;
  /** A sign-in must come back from the provider within this time. */
  pendingLoginTtlMs: number;
  /** The provider's role that makes a person a platform admin. */
  platformAdminRole: string;
  /** The ID token's acr of a sign-in with a second factor. */
  secondFactorAcr: string;
}

export const defaultSessionSettings: Omit<
  SessionSettings,
  'idleMs' | 'absoluteMs' | 'platformAdminRole' | 'secondFactorAcr'
> = {
  refreshBeforeMs: 60_000,
  touchEveryMs: 30_000,
  pendingLoginTtlMs: 10 * 60_000,
};

export interface SessionManagerDeps {
  sessions: SessionStore;
  /** Ends sessions (with their chat devices) and writes the audit log. */
  store: Store;
  provider: SignInProvider;
  /** The provider's live sessions, to end the person's others a back-channel logout did not name. */
  providerSessions?: ProviderSessions;
  /** Runs a task later (the comparison with the provider's sessions); injected by tests. */
  schedule?: (task: () => Promise<void>, delayMs: number) => void;
  cipher: TokenCipher;
  logger: SessionLog;
  settings: SessionSettings;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now?: () => number;
}

/** What a request knows once its session cookie was checked. */
export interface ResolvedSession {
  /** Hash of the cookie value: the session's key. */
  id: string;
  actor: Actor;
  csrfToken: string;
  secondFactor: {
    /** The session was signed in with a second factor. */
    used: boolean;
    /** Why the person needs a second factor this session lacks (the actor holds less); null: nothing withheld. */
    missing: SecondFactorReason | null;
  };
}

export type EndReason = 'unknown' | 'idle' | 'expired' | 'deactivated' | 'provider-ended' | 'unreadable';

export type SignInOutcome =
  | {
      kind: 'signed-in';
      cookieValue: string;
      returnTo: string;
      session: ResolvedSession;
      /** Ask the provider for the second factor now: the person needs it and this sign-in did not ask for it yet. */
      stepUp: boolean;
    }
  | {
      kind: 'denied';
      returnTo: string;
      identity: SignedInIdentity;
      person: SessionPerson;
    }
  | { kind: 'failed'; reason: 'no-pending-login' | 'expired' | 'invalid' | 'unavailable'; detail: string };

/**
 * The session logic of the backend-for-frontend, free of HTTP: pending
 * sign-ins, sessions with idle and absolute lifetimes, token refresh, and
 * ending sessions (sign-out, back-channel logout, deactivation). Cookie values
 * are never stored; the database holds their SHA-256 hashes and encrypted tokens.
 */
export class SessionManager {
  readonly #sessions: SessionStore;
  readonly #store: Store;
  readonly #provider: SignInProvider;
  readonly #providerSessions: ProviderSessions | undefined;
  readonly #schedule: (task: () => Promise<void>, delayMs: number) => void;
  readonly #cipher: TokenCipher;
  readonly #logger: SessionLog;
  readonly #settings: SessionSettings;
  readonly #now: () => number;
  /** One refresh at a time per session, shared by concurrent requests. */
  readonly #refreshing = new Map<string, Promise<boolean>>();

  constructor(deps: SessionManagerDeps) {
    this.#sessions = deps.sessions;
    this.#store = deps.store;
    this.#provider = deps.provider;
    this.#providerSessions = deps.providerSessions;
    this.#schedule =
      deps.schedule ??
      ((task, delayMs) => {
        setTimeout(() => void task(), delayMs).unref();
      });
    this.#cipher = deps.cipher;
    this.#logger = deps.logger;
    this.#settings = deps.settings;
    this.#now = deps.now ?? Date.now;
  }

  get settings(): SessionSettings {
    return this.#settings;
  }

  /**
   * Starts a sign-in: stores state, nonce and PKCE verifier server-side, bound
   * to the browser by `browserBinding` (a cookie value; a new one is made when
   * the browser has none). Returns the URL to send the browser to.
   */
  async startSignIn(options: {
    browserBinding: string | undefined;
    returnTo: string;
    redirectUri: string;
    locale?: 'de' | 'en' | undefined;
    /** Ask the provider for a second factor (acr_values). */
    secondFactor?: boolean;
  }): Promise<{ authorizationUrl: string; browserBinding: string }> {
    const browserBinding =
      options.browserBinding !== undefined && /^[A-Za-z0-9_-]{43}$/.test(options.browserBinding)
        ? options.browserBinding
        : randomSecret();
    const pending = await this.#provider.startSignIn({
      redirectUri: options.redirectUri,
      ...(options.locale === undefined ? {} : { locale: options.locale }),
      ...(options.secondFactor === true ? { acr: this.#settings.secondFactorAcr } : {}),
    });
    const now = this.#now();
    const id = sha256(pending.state);
    await this.#sessions.purgePendingLogins(now - this.#settings.pendingLoginTtlMs);
    await this.#sessions.insertPendingLogin({
      id,
      browser_hash: sha256(browserBinding),
      nonce: pending.nonce,
      code_verifier: this.#cipher.encrypt(pending.codeVerifier, `code_verifier:${id}`),
      return_to: options.returnTo,
      created_at: now,
      second_factor: options.secondFactor === true ? 1 : 0,
    });
    return { authorizationUrl: pending.authorizationUrl, browserBinding };
  }

  /**
   * Completes a sign-in at the callback. Always creates a new session (a
   * session from before, named by `previousCookieValue`, is ended), so a
   * session id planted before sign-in is worthless (fixation).
   */
  async completeSignIn(options: {
    callbackUrl: URL;
    browserBinding: string | undefined;
    previousCookieValue: string | undefined;
    /** The request's id, for the audit entry. */
    requestId?: string | null;
  }): Promise<SignInOutcome> {
    const outcome = await this.#completeSignIn(options);
    const requestId = options.requestId ?? null;
    if (outcome.kind === 'signed-in') {
      const { actor } = outcome.session;
      await auditSession(this.#store, {
        ...actorFields(actor),
        tenantId: actor.tenantId,
        action: 'auth.signIn',
        targetType: 'session',
        targetId: null,
        outcome: 'success',
        requestId,
        details: {
          subject: actor.subject,
          username: actor.username,
          platformAdmin: actor.platformAdmin,
          secondFactor: outcome.session.secondFactor.used,
        },
      });
    } else if (outcome.kind === 'denied') {
      const { identity, person } = outcome;
      await auditSession(this.#store, {
        actorId: person.id,
        actorName: identity.displayName || identity.username,
        tenantId: person.tenantId,
        action: 'auth.signIn',
        targetType: 'session',
        targetId: null,
        outcome: 'denied',
        requestId,
        details: { subject: identity.subject, username: identity.username, reason: 'deactivated' },
      });
    }
    return outcome;
  }

  async #completeSignIn(options: {
    callbackUrl: URL;
    browserBinding: string | undefined;
    previousCookieValue: string | undefined;
  }): Promise<SignInOutcome> {
    const state = options.callbackUrl.searchParams.get('state');
    if (state === null || state === '' || options.browserBinding === undefined) {
      return { kind: 'failed', reason: 'no-pending-login', detail: 'callback without state or sign-in cookie' };
    }
    const pending = await this.#sessions.takePendingLogin(sha256(state));
    if (pending === undefined || pending.browser_hash !== sha256(options.browserBinding)) {
      return { kind: 'failed', reason: 'no-pending-login', detail: 'no sign-in of this browser with this state' };
    }
    const now = this.#now();
    if (pending.created_at + this.#settings.pendingLoginTtlMs < now) {
      return { kind: 'failed', reason: 'expired', detail: 'the sign-in took longer than allowed' };
    }
    const codeVerifier = this.#cipher.decrypt(pending.code_verifier, `code_verifier:${pending.id}`);
    if (codeVerifier === undefined) {
      return { kind: 'failed', reason: 'invalid', detail: 'the stored PKCE verifier cannot be read' };
    }

    let tokens: SignInTokens & { identity: SignedInIdentity };
    try {
      tokens = await this.#provider.completeSignIn(options.callbackUrl, { state, nonce: pending.nonce, codeVerifier });
    } catch (error) {
      const reason = isSignInError(error, 'unavailable') ? 'unavailable' : 'invalid';
      return { kind: 'failed', reason, detail: error instanceof Error ? error.message : String(error) };
    }

    const { identity } = tokens;
    const person = await this.#sessions.findPersonForSignIn(identity.subject);
    if (person?.status === 'deactivated') {
      return { kind: 'denied', returnTo: pending.return_to, identity, person };
    }
    if (person !== undefined) {
      // A promotion or demotion in the identity provider reaches the person's record at their sign-in.
      await this.#sessions.recordPlatformAdmin(
        person.id,
        identity.roles.includes(this.#settings.platformAdminRole),
        now,
      );
    }
    if (options.previousCookieValue !== undefined) {
      await this.#endById(sha256(options.previousCookieValue));
    }

    const cookieValue = randomSecret();
    const id = sha256(cookieValue);
    const csrfToken = randomSecret();
    const row: StoredSession = {
      id,
      subject: identity.subject,
      provider_session_id: identity.providerSessionId,
      username: identity.username,
      display_name: identity.displayName,
      roles: JSON.stringify(identity.roles),
      access_token: this.#cipher.encrypt(tokens.accessToken, `access_token:${id}`),
      refresh_token:
        tokens.refreshToken === null ? null : this.#cipher.encrypt(tokens.refreshToken, `refresh_token:${id}`),
      id_token: tokens.idToken === null ? null : this.#cipher.encrypt(tokens.idToken, `id_token:${id}`),
      access_expires_at: tokens.accessTokenExpiresAt,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.#settings.absoluteMs,
      second_factor: identity.acr === this.#settings.secondFactorAcr ? 1 : 0,
    };
    await this.#sessions.insertSession(row);
    const session = this.#resolved(row, person);
    // Asked once per sign-in: a provider that cannot give the second factor leaves a session with less.
    const stepUp = session.secondFactor.missing !== null && Number(pending.second_factor) !== 1;
    return { kind: 'signed-in', cookieValue, returnTo: pending.return_to, session, stepUp };
  }

  /** How long a session may go unused: the client warns before it ends. */
  get idleMs(): number {
    return this.#settings.idleMs;
  }

  /**
   * The session behind a cookie value, with its actor; undefined when there is
   * none or it has ended. Enforces the idle and absolute lifetimes and ends the
   * session of a deactivated person. A request of the person (`activity`, the
   * default) also refreshes tokens shortly before the access token expires and
   * records activity (at most every touchEveryMs); a re-check of an open socket
   * (`activity: false`) only validates, so an open tab alone never keeps a
   * session alive.
   */
  async resolve(
    cookieValue: string,
    { activity = true }: { activity?: boolean } = {},
  ): Promise<{ session: ResolvedSession } | { ended: EndReason }> {
    const id = sha256(cookieValue);
    const found = await this.#sessions.findSession(id);
    if (found === undefined) return { ended: 'unknown' };
    let { session } = found;
    const { person } = found;
    const now = this.#now();

    let ended: EndReason | undefined;
    if (now >= session.expires_at) ended = 'expired';
    else if (now - session.last_seen_at > this.#settings.idleMs) ended = 'idle';
    else if (person?.status === 'deactivated') ended = 'deactivated';
    if (ended !== undefined) {
      await this.#endById(id);
      return { ended };
    }

    if (!activity) return { session: this.#resolved(session, person) };

    if (session.access_expires_at - this.#settings.refreshBeforeMs <= now && session.refresh_token !== null) {
      const alive = await this.#refreshOnce(session);
      if (!alive) return { ended: 'provider-ended' };
      const reread = await this.#sessions.findSession(id);
      if (reread === undefined) return { ended: 'provider-ended' };
      session = reread.session;
    }

    if (now - session.last_seen_at >= this.#settings.touchEveryMs) {
      await this.#sessions.updateSession(id, { last_seen_at: now });
    }
    return { session: this.#resolved(session, person) };
  }

  /**
   * Ends the session behind a cookie value (sign-out); returns it with its ID token for the
   * end-session URL. With `signedOut`, the sign-out of that person is audited.
   */
  async end(
    cookieValue: string,
    signedOut?: { actor: Actor; requestId: string | null },
  ): Promise<{ ended: EndedSession; idToken: string | null } | undefined> {
    const result = await this.#end(cookieValue);
    if (signedOut !== undefined) {
      const { actor, requestId } = signedOut;
      await auditSession(this.#store, {
        ...actorFields(actor),
        tenantId: actor.tenantId,
        action: 'auth.signOut',
        targetType: 'session',
        targetId: null,
        outcome: 'success',
        requestId,
        details: { subject: actor.subject },
      });
    }
    return result;
  }

  async #end(cookieValue: string): Promise<{ ended: EndedSession; idToken: string | null } | undefined> {
    const id = sha256(cookieValue);
    const found = await this.#sessions.findSession(id);
    if (found === undefined) return undefined;
    const ended = await this.#endById(id);
    if (ended === undefined) return undefined;
    const sealed = found.session.id_token;
    return { ended, idToken: sealed === null ? null : (this.#cipher.decrypt(sealed, `id_token:${id}`) ?? null) };
  }

  /** The provider's end-session URL (RP-initiated logout), returning the browser to `postLogoutRedirectUri`. */
  signOutUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string> {
    return this.#provider.endSessionUrl({ idTokenHint: idToken, postLogoutRedirectUri });
  }

  /**
   * Verifies a back-channel logout token and records it as acted on; throws
   * SignInError when it is not acceptable, also when it was seen before (a
   * replay), by this backend or another on the same database.
   */
  async verifyLogoutToken(token: string): Promise<LogoutNotice> {
    const notice = await this.#provider.verifyLogoutToken(token);
    const first = await this.#sessions.rememberLogoutToken(sha256(notice.tokenId), notice.acceptableUntil, this.#now());
    if (!first) throw new SignInError('invalid', 'logout token rejected: replayed (its jti was seen before)');
    return notice;
  }

  /**
   * Ends the sessions a verified back-channel logout names, each one audited. With the provider's
   * live sessions at hand, the same people's other sessions are compared with them a little later
   * (the provider may end more sessions than it names, and ends them only after this answer).
   */
  async endFromProvider(
    notice: Pick<LogoutNotice, 'subject' | 'providerSessionId'>,
    requestId: string | null = null,
  ): Promise<EndedSession[]> {
    const ended = await this.#endAll(notice);
    await this.#auditBackchannelLogout(ended, requestId);
    const subjects = [...new Set(ended.map((session) => session.subject))];
    const provider = this.#providerSessions;
    if (provider !== undefined && subjects.length > 0) {
      for (const delayMs of PROVIDER_RECHECK_DELAYS_MS) {
        this.#schedule(() => this.#endGoneAtProvider(provider, subjects, requestId), delayMs);
      }
    }
    return ended;
  }

  async #auditBackchannelLogout(ended: EndedSession[], requestId: string | null): Promise<void> {
    for (const session of ended) {
      const person = await this.#sessions.findPersonForSignIn(session.subject);
      await auditSession(this.#store, {
        actorId: null,
        actorName: 'identity provider',
        tenantId: person?.tenantId ?? null,
        action: 'auth.backchannelLogout',
        targetType: 'session',
        targetId: person?.id ?? session.subject,
        outcome: 'success',
        requestId,
        details: { subject: session.subject, username: session.username, sid: session.provider_session_id },
      });
    }
  }

  /**
   * Ends those sessions of the people whose provider session is gone (Keycloak's "sign out from
   * other devices" ends several but names one, keycloak/keycloak#32124). Best effort, never
   * throws: when the provider cannot be asked, those sessions end at their next refresh instead.
   */
  async #endGoneAtProvider(provider: ProviderSessions, subjects: string[], requestId: string | null): Promise<void> {
    for (const subject of subjects) {
      try {
        const live = new Set(await provider.liveSessionIds(subject));
        const gone = (await this.#sessions.sessionsOf({ subject, providerSessionId: null })).filter(
          (session) => session.provider_session_id !== null && !live.has(session.provider_session_id),
        );
        await endSessions(
          this.#store,
          gone.map((session) => session.id),
        );
        await this.#auditBackchannelLogout(gone, requestId);
        if (gone.length > 0) this.#logger.info({ sessions: gone.length }, 'sessions ended with their provider session');
      } catch (error) {
        this.#logger.warn({ err: error }, 'could not compare sessions with the identity provider');
      }
    }
  }

  /** Ends every session of a person, e.g. when the identity provider no longer knows them. */
  endAllOf(subject: string): Promise<EndedSession[]> {
    return this.#endAll({ subject, providerSessionId: null });
  }

  /**
   * Housekeeping: ends sessions past their idle or absolute lifetime (also when their browser never
   * comes back; their chat devices with them), logs out chat devices left tied to a session that is
   * gone, and removes abandoned sign-ins.
   */
  async purgeExpired(): Promise<{ sessions: number; pendingLogins: number }> {
    const now = this.#now();
    const { expired, orphaned } = await this.#sessions.expiredSessionIds(now, now - this.#settings.idleMs);
    await endSessions(this.#store, [...new Set([...expired, ...orphaned])]);
    const pendingLogins = await this.#sessions.purgePendingLogins(now - this.#settings.pendingLoginTtlMs);
    return { sessions: expired.length, pendingLogins };
  }

  /** Ends one session; returns it as the audit log names it, undefined when there was none. */
  async #endById(id: string): Promise<EndedSession | undefined> {
    const [ended] = await this.#sessions.sessionsById([id]);
    if (ended === undefined) return undefined;
    await endSessions(this.#store, [id]);
    return ended;
  }

  async #endAll(target: SessionTarget): Promise<EndedSession[]> {
    const ended = await this.#sessions.sessionsOf(target);
    await endSessions(
      this.#store,
      ended.map((session) => session.id),
    );
    return ended;
  }

  /** Whether the session lives on after refreshing (concurrent requests share one refresh). */
  #refreshOnce(session: StoredSession): Promise<boolean> {
    let running = this.#refreshing.get(session.id);
    if (running === undefined) {
      running = this.#refresh(session).finally(() => this.#refreshing.delete(session.id));
      this.#refreshing.set(session.id, running);
    }
    return running;
  }

  async #refresh(session: StoredSession): Promise<boolean> {
    const { id } = session;
    const refreshToken =
      session.refresh_token === null ? undefined : this.#cipher.decrypt(session.refresh_token, `refresh_token:${id}`);
    if (refreshToken === undefined) {
      await this.#endById(id);
      return false;
    }
    let tokens: SignInTokens;
    try {
      tokens = await this.#provider.refresh(refreshToken);
    } catch (error) {
      if (isSignInError(error, 'unavailable')) {
        // The provider is down: the session keeps working on what it has until it answers again.
        this.#logger.warn(
          { err: error, subject: session.subject },
          'token refresh postponed: identity provider unavailable',
        );
        return true;
      }
      this.#logger.info(
        { subject: session.subject, reason: error instanceof Error ? error.message : String(error) },
        'session ended: token refresh refused',
      );
      await this.#endById(id);
      return false;
    }
    const identity = tokens.identity;
    if (identity !== undefined && identity.subject !== session.subject) {
      this.#logger.warn({ subject: session.subject }, 'session ended: refreshed tokens name another subject');
      await this.#endById(id);
      return false;
    }
    await this.#sessions.updateSession(id, {
      access_token: this.#cipher.encrypt(tokens.accessToken, `access_token:${id}`),
      ...(tokens.refreshToken === null
        ? {}
        : { refresh_token: this.#cipher.encrypt(tokens.refreshToken, `refresh_token:${id}`) }),
      ...(tokens.idToken === null ? {} : { id_token: this.#cipher.encrypt(tokens.idToken, `id_token:${id}`) }),
      access_expires_at: tokens.accessTokenExpiresAt,
      ...(identity === undefined
        ? {}
        : { roles: JSON.stringify(identity.roles), username: identity.username, display_name: identity.displayName }),
    });
    return true;
  }

  #resolved(session: StoredSession, person: SessionPerson | undefined): ResolvedSession {
    const used = Number(session.second_factor) === 1;
    const { roles, missing } = rolesForSession(
      {
        tenantId: person?.tenantId ?? null,
        tenantRole: person?.role ?? null,
        platformAdmin: parseRoles(session.roles).includes(this.#settings.platformAdminRole),
      },
      { secondFactor: used, tenantRequiresSecondFactor: person?.tenantRequiresSecondFactor ?? false },
    );
    const actor: Actor = {
      userId: person?.id ?? null,
      subject: session.subject,
      username: session.username,
      displayName: session.display_name,
      ...roles,
    };
    return {
      id: session.id,
      actor,
      csrfToken: session.csrf_token,
      secondFactor: { used, missing },
    };
  }
}

function parseRoles(value: string): string[] {
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return [];
  }
}
