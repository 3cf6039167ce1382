import type { TenantRole } from '../actor.js';

/**
 * Sessions of the backend-for-frontend as they are stored (ADR 0009): the id is the SHA-256
 * hash of the cookie value, tokens are sealed by the session commands before they get here.
 */
export interface StoredSession {
  id: string;
  subject: string;
  /** The identity provider's session id (`sid`), for back-channel logout. */
  provider_session_id: string | null;
  username: string;
  display_name: string;
  /** JSON array of the provider's roles of the person. */
  roles: string;
  access_token: string;
  refresh_token: string | null;
  id_token: string | null;
  access_expires_at: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute end of the session. */
  expires_at: number;
  /** 1: the session was signed in with a second factor. */
  second_factor: number;
}

/** A sign-in on its way through the provider, bound to the browser that started it. */
export interface PendingLogin {
  id: string;
  browser_hash: string;
  nonce: string;
  /** PKCE verifier, sealed. */
  code_verifier: string;
  return_to: string;
  created_at: number;
  /** 1: this sign-in asked the provider for a second factor. */
  second_factor: number;
}

/** The person's row in our directory, as sign-in and the session need it. */
export interface SessionPerson {
  id: string;
  tenantId: string;
  role: TenantRole;
  status: 'active' | 'deactivated';
  subject: string | null;
  /** The person's tenant requires a second factor of everybody. */
  tenantRequiresSecondFactor: boolean;
}

export interface SessionWithPerson {
  session: StoredSession;
  person: SessionPerson | undefined;
}

/** The parts of an ended session that the audit log names. */
export type EndedSession = Pick<StoredSession, 'id' | 'subject' | 'username' | 'display_name' | 'provider_session_id'>;

/** Which sessions a back-channel logout names: those of the provider's session, of the subject, or both. */
export interface SessionTarget {
  subject: string | null;
  providerSessionId: string | null;
}

/**
 * Sessions, pending sign-ins and seen logout tokens. Ending a session is not here: it is a
 * transaction of the `Store` (the session's chat devices end with it, ADR 0029).
 */
export interface SessionStore {
  insertPendingLogin(row: PendingLogin): Promise<void>;
  /** Reads and removes a pending sign-in: each one can be completed at most once. */
  takePendingLogin(id: string): Promise<PendingLogin | undefined>;
  purgePendingLogins(createdBefore: number): Promise<number>;
  /** The person linked to this subject by provisioning; never matched by name. */
  findPersonForSignIn(subject: string): Promise<SessionPerson | undefined>;
  /** Records whether a person's sign-in account holds the platform admin role (as their last sign-in said). */
  recordPlatformAdmin(personId: string, platformAdmin: boolean, now: number): Promise<void>;
  insertSession(row: StoredSession): Promise<void>;
  /** A session with the person it belongs to (matched by subject), if any. */
  findSession(id: string): Promise<SessionWithPerson | undefined>;
  updateSession(
    id: string,
    changes: Partial<Omit<StoredSession, 'id' | 'subject' | 'created_at' | 'expires_at'>>,
  ): Promise<void>;
  /** The sessions with these ids, as the audit log names them. */
  sessionsById(ids: string[]): Promise<EndedSession[]>;
  /** The sessions a back-channel logout names; none when it names nothing. */
  sessionsOf(target: SessionTarget): Promise<EndedSession[]>;
  /**
   * Ids of sessions past their absolute end or idle since before `lastSeenBefore`, and of sessions
   * already gone that still have chat devices tied to them (they ended while a device was being tied).
   */
  expiredSessionIds(now: number, lastSeenBefore: number): Promise<{ expired: string[]; orphaned: string[] }>;
  /**
   * Records a back-channel logout token as acted on, until `expiresAt`; false when it was recorded
   * before (a replay), also by another replica. Records past their time are removed on the way.
   */
  rememberLogoutToken(id: string, expiresAt: number, now: number): Promise<boolean>;
}
