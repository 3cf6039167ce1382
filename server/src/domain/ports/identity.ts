import type { HealthProbe } from './health.js';
import type { Invitation } from '../invitation.js';

/** A person as the identity provider knows them. */
export interface IdentityUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  enabled: boolean;
  /** The workspace's mark on an account it made: the id of the person it was made for. */
  workspaceMarker: string | undefined;
}

export interface NewIdentityUser {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  enabled?: boolean;
  /**
   * The person's id, stored on the account. An account found under the same
   * sign-in name is taken over only when it carries this very mark: any other
   * account (an operator's, another tenant's, one made by hand) is refused
   * with an account clash, and nothing about it changes.
   */
  marker: string;
  /**
   * Take over an account found by name that carries no mark yet, and mark it.
   * Only for accounts the installation itself ships (the demo's realm export),
   * never for people an admin adds.
   */
  adoptUnmarked?: boolean;
}

/** A tenant (agency) as the identity provider knows it. */
export interface IdentityOrganization {
  id: string;
  name: string;
  alias: string;
  domains: string[];
}

export interface NewIdentityOrganization {
  name: string;
  alias: string;
  domains: string[];
}

/**
 * The identity provider, seen from the domain. Every write is safe to repeat:
 * "ensure" operations return what exists instead of creating it twice.
 */
export interface IdentityDirectory extends HealthProbe {
  /** `created` says whether the account was made now (it then holds no roles yet). */
  ensureUser(user: NewIdentityUser): Promise<IdentityUser & { created: boolean }>;
  findUserByUsername(username: string): Promise<IdentityUser | undefined>;
  findUserById(id: string): Promise<IdentityUser | undefined>;
  /** Whether the user holds the installation's platform admin role (directly or through a composite role). */
  isPlatformAdmin(id: string): Promise<boolean>;
  setUserEnabled(id: string, enabled: boolean): Promise<void>;
  /** Ends all of the user's sessions at the identity provider (and, through it, at its clients). */
  logoutUser(id: string): Promise<void>;
  /** Removes the account for good (an erasure, GDPR Art. 17); a missing account is not an error. */
  deleteUser(id: string): Promise<void>;
  ensureOrganization(org: NewIdentityOrganization): Promise<IdentityOrganization>;
  findOrganizationByAlias(alias: string): Promise<IdentityOrganization | undefined>;
  addOrganizationMember(organizationId: string, userId: string): Promise<void>;
  listOrganizationMemberIds(organizationId: string): Promise<string[]>;
  /**
   * Sends the user the provider's own invitation mail, in the invitation's language: a link to choose
   * a password (and set up a second factor) that leads back to the workspace. Each call sends one mail.
   */
  sendInvitation(id: string, invitation: Invitation): Promise<void>;
}

/** A change to a user that the identity provider recorded (e.g. in Keycloak's admin events). */
export interface IdentityUserChange {
  /** The provider's id of the record; the same change always has the same id. */
  id: string;
  /** When it was recorded, in epoch milliseconds (the provider's clock). */
  time: number;
  userId: string;
  kind: 'updated' | 'deleted';
  /** For updates: whether the user is enabled afterwards, when the record says so. */
  enabled?: boolean;
}

/**
 * The provider's record of changes to users, and ending a user's sessions
 * there. Lets the backend react to changes made directly in the provider's
 * own console, e.g. ending the sessions of a user an operator disabled.
 */
export interface IdentityChangeFeed {
  /** Changes recorded at or after `since` (epoch ms), oldest first, at most `max`. */
  userChangesSince(since: number, max: number): Promise<IdentityUserChange[]>;
  /** Whether the user exists and is enabled now; undefined when the provider does not know the user. */
  isUserEnabled(userId: string): Promise<boolean | undefined>;
  /** Ends all of the user's sessions at the provider, which notifies its clients by back-channel logout. */
  endUserSessions(userId: string): Promise<void>;
}
