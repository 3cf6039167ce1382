import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { PartHealth } from '../../domain/ports/health.js';
import type { ProviderSessions } from '../../domain/ports/signIn.js';
import { accountClash } from '../../domain/errors.js';
import type { Invitation } from '../../domain/invitation.js';
import type { MailServerSettings } from '../../domain/ports/mail.js';
import type {
  IdentityDirectory,
  IdentityOrganization,
  IdentityUser,
  NewIdentityOrganization,
  NewIdentityUser,
} from '../../domain/ports/identity.js';
import { KeycloakError, isKeycloakError, toKeycloakError } from './keycloakErrors.js';
import { probeKeycloak } from './keycloakHealth.js';
import { normalizeBaseUrl } from './keycloakHttp.js';
import { MARKER_ATTRIBUTE, toIdentityOrganization, toIdentityUser } from './keycloakMapping.js';
import { ClientCredentialsToken } from './keycloakToken.js';

export interface KeycloakDirectoryOptions {
  /** Keycloak's public base URL, e.g. http://localhost:8080. */
  baseUrl: string;
  realm: string;
  /** Confidential client with a service account allowed to manage users and the realm (organizations). */
  clientId: string;
  clientSecret: string;
  /** Keycloak's management interface (serves /health/ready), e.g. http://localhost:9000. */
  managementUrl?: string;
  /** Time limit for each request to Keycloak. */
  timeoutMs?: number;
  /** The realm role of platform admins. */
  platformAdminRole?: string;
  /**
   * Invitations (ADR 0041): the client whose redirect URI `redirectUri` is (where the link leads after
   * the password is set) and how long the link holds.
   */
  invitation?: { clientId: string; redirectUri: string; lifespanSeconds: number };
}

/** The realm's mail server, as Keycloak sends its own mail (invitations, password resets). */
export type RealmMailServer = MailServerSettings;

/** Three days: long enough for a weekend, short enough that a forwarded old mail is of no use. */
const INVITATION_LIFESPAN_SECONDS = 3 * 24 * 3600;

/** Keycloak's user attribute for the language of its pages and mail (realm internationalization). */
const LOCALE_ATTRIBUTE = 'locale';

const DEFAULT_TIMEOUT_MS = 10_000;
const PAGE_SIZE = 100;

/**
 * The identity directory in Keycloak, through its admin REST API with the
 * service account of a confidential client. Users are realm users; tenants are
 * Keycloak Organizations. Messages and errors never carry the client secret,
 * tokens or personal data such as usernames and e-mail addresses.
 */
export class KeycloakDirectory implements IdentityDirectory, ProviderSessions {
  readonly part = 'keycloak';
  readonly #admin: KeycloakAdminClient;
  readonly #token: ClientCredentialsToken;
  readonly #baseUrl: string;
  readonly #realm: string;
  readonly #managementUrl: string | undefined;
  readonly #timeoutMs: number;
  #markerReady: Promise<void> | undefined;
  readonly #platformAdminRole: string;
  readonly #invitation: { clientId: string; redirectUri: string | undefined; lifespanSeconds: number };

  constructor(options: KeycloakDirectoryOptions) {
    this.#baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#realm = options.realm;
    this.#managementUrl = options.managementUrl === undefined ? undefined : normalizeBaseUrl(options.managementUrl);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#platformAdminRole = options.platformAdminRole ?? 'platform-admin';
    this.#invitation = {
      clientId: options.invitation?.clientId ?? options.clientId,
      redirectUri: options.invitation?.redirectUri,
      lifespanSeconds: options.invitation?.lifespanSeconds ?? INVITATION_LIFESPAN_SECONDS,
    };
    this.#token = new ClientCredentialsToken({
      baseUrl: this.#baseUrl,
      realm: options.realm,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs: this.#timeoutMs,
    });
    this.#admin = new KeycloakAdminClient({
      baseUrl: this.#baseUrl,
      realmName: options.realm,
      timeout: this.#timeoutMs,
      // A redirect is never followed (it would carry the token elsewhere); a 3xx is an error.
      requestOptions: { redirect: 'manual' },
    });
    this.#admin.registerTokenProvider({ getAccessToken: () => this.#token.get() });
  }

  check(): Promise<PartHealth> {
    return probeKeycloak({
      baseUrl: this.#baseUrl,
      realm: this.#realm,
      managementUrl: this.#managementUrl,
      timeoutMs: this.#timeoutMs,
    });
  }

  async ensureUser(user: NewIdentityUser): Promise<IdentityUser & { created: boolean }> {
    await this.#markerDeclared();
    // Create first, look up only when that fails: a new person (the usual case) costs one request
    // instead of three. Keycloak refuses a second user with the same username.
    const wanted = {
      username: user.username.toLowerCase(),
      email: user.email.toLowerCase(),
      firstName: user.firstName,
      lastName: user.lastName,
      enabled: user.enabled ?? true,
    };
    try {
      const { id } = await this.#call('create user', () =>
        this.#admin.users.create({ ...wanted, attributes: { [MARKER_ATTRIBUTE]: [user.marker] } }),
      );
      // Keycloak stores usernames and e-mail addresses in lower case and the rest as sent.
      return { id, ...wanted, workspaceMarker: user.marker, created: true };
    } catch (error) {
      // The user exists already (409), lost a race (409, or 400/500 when Keycloak's database caught
      // the duplicate) or was created unseen (timeout): look it up. It is ours only when it carries
      // this person's mark; an account found merely by its name is never taken over.
      const existing = await this.#findFullByUsername(user.username).catch(() => undefined);
      if (existing === undefined) throw error;
      const found = toIdentityUser(existing);
      if (found.workspaceMarker === user.marker) return { ...found, created: false };
      if (found.workspaceMarker === undefined && user.adoptUnmarked === true) {
        await this.#call(`mark user ${found.id}`, () =>
          // The whole representation goes back: with a user profile, Keycloak empties every
          // attribute (e-mail and names included) that an update leaves out.
          this.#admin.users.update(
            { id: found.id },
            { ...existing, attributes: { ...(existing.attributes ?? {}), [MARKER_ATTRIBUTE]: [user.marker] } },
          ),
        );
        return { ...found, workspaceMarker: user.marker, created: false };
      }
      throw accountClash('keycloak');
    }
  }

  async findUserByUsername(username: string): Promise<IdentityUser | undefined> {
    const found = await this.#findFullByUsername(username);
    return found === undefined ? undefined : toIdentityUser(found);
  }

  async #findFullByUsername(username: string): Promise<UserRepresentation | undefined> {
    const found = await this.#call('find user by username', () =>
      this.#admin.users.find({ username, exact: true, briefRepresentation: false }),
    );
    // Keycloak stores usernames in lower case and matches them case-insensitively.
    const wanted = username.toLowerCase();
    return found.find((candidate) => candidate.username?.toLowerCase() === wanted);
  }

  /**
   * The realm's user profile declares the mark's attribute once, editable and
   * visible by admins only (Keycloak drops attributes its profile does not
   * know). Safe to repeat; a failed attempt is tried again on the next call.
   */
  #markerDeclared(): Promise<void> {
    this.#markerReady ??= (async () => {
      const profile = await this.#call('read the user profile', () => this.#admin.users.getProfile());
      const attributes = profile.attributes ?? [];
      if (attributes.some((attribute) => attribute.name === MARKER_ATTRIBUTE)) return;
      await this.#call('declare the workspace attribute in the user profile', () =>
        this.#admin.users.updateProfile({
          ...profile,
          attributes: [
            ...attributes,
            {
              name: MARKER_ATTRIBUTE,
              displayName: 'Workspace person',
              multivalued: false,
              permissions: { view: ['admin'], edit: ['admin'] },
            },
          ],
        }),
      );
    })().catch((error: unknown) => {
      this.#markerReady = undefined;
      throw error;
    });
    return this.#markerReady;
  }

  /** The ids of the user's live sessions at Keycloak (the `sid` of their tokens; the subject is the user's id). */
  async liveSessionIds(subject: string): Promise<string[]> {
    const sessions = await this.#call('list the user’s sessions', () =>
      this.#admin.users.listSessions({ id: subject, realm: this.#realm }),
    );
    return sessions.flatMap((session) => (typeof session.id === 'string' ? [session.id] : []));
  }

  /**
   * Sets the realm's password policy (in Keycloak's syntax, e.g. `length(12) and notUsername`)
   * unless it is that already; answers whether it changed. Safe to repeat.
   */
  async ensurePasswordPolicy(policy: string): Promise<boolean> {
    const realm = await this.#call('read the realm', () => this.#admin.realms.findOne({ realm: this.#realm }));
    if (realm?.passwordPolicy === policy) return false;
    // A partial representation changes only the fields it names.
    await this.#call('set the password policy', () =>
      this.#admin.realms.update({ realm: this.#realm }, { passwordPolicy: policy }),
    );
    return true;
  }

  /**
   * Sets the realm's mail server, so Keycloak's own mail (invitations, password resets) goes through
   * the workspace's. Safe to repeat. Keycloak keeps a password it is sent back masked.
   */
  async ensureMailServer(mail: RealmMailServer): Promise<void> {
    const auth = mail.user !== undefined && mail.password !== undefined;
    const smtpServer: Record<string, string> = {
      host: mail.host,
      port: String(mail.port),
      from: mail.from,
      fromDisplayName: mail.fromName,
      ssl: String(mail.tls === 'tls'),
      starttls: String(mail.tls === 'starttls'),
      auth: String(auth),
      ...(auth ? { user: mail.user ?? '', password: mail.password ?? '' } : {}),
    };
    // A partial representation changes only the fields it names.
    await this.#call('set the mail server', () => this.#admin.realms.update({ realm: this.#realm }, { smtpServer }));
  }

  async sendInvitation(id: string, invitation: Invitation): Promise<void> {
    const user = await this.#call(`read user ${id}`, () => this.#admin.users.findOne({ id }, { catchNotFound: true }));
    if (user === undefined || user === null) {
      throw new KeycloakError(`user ${id} was not found`, { status: 404, retryable: false });
    }
    // Keycloak writes its mail and pages in the user's language (realm internationalization).
    const attributes = (user.attributes ?? {}) as Record<string, unknown>;
    const current: unknown = Array.isArray(attributes[LOCALE_ATTRIBUTE])
      ? (attributes[LOCALE_ATTRIBUTE] as unknown[])[0]
      : undefined;
    if (current !== invitation.locale) {
      await this.#call(`set the language of user ${id}`, () =>
        // The whole representation goes back: with a user profile, Keycloak empties what an update leaves out.
        this.#admin.users.update(
          { id },
          { ...user, attributes: { ...attributes, [LOCALE_ATTRIBUTE]: [invitation.locale] } },
        ),
      );
    }
    const actions = ['UPDATE_PASSWORD', ...(invitation.setUpSecondFactor ? ['CONFIGURE_TOTP'] : [])];
    const { clientId, redirectUri, lifespanSeconds } = this.#invitation;
    await this.#call(`send the invitation of user ${id}`, () =>
      this.#admin.users.executeActionsEmail({
        id,
        actions,
        lifespan: lifespanSeconds,
        ...(redirectUri !== undefined ? { clientId, redirectUri } : {}),
      }),
    );
  }

  async findUserById(id: string): Promise<IdentityUser | undefined> {
    const found = await this.#call(`read user ${id}`, () => this.#admin.users.findOne({ id }, { catchNotFound: true }));
    return found === undefined || found === null ? undefined : toIdentityUser(found);
  }

  async isPlatformAdmin(id: string): Promise<boolean> {
    const roles = await this.#call(`read the realm roles of user ${id}`, () =>
      this.#admin.users.listCompositeRealmRoleMappings({ id }),
    );
    return roles.some((role) => role.name === this.#platformAdminRole);
  }

  async setUserEnabled(id: string, enabled: boolean): Promise<void> {
    // A partial representation changes only the fields it names.
    await this.#call(`${enabled ? 'enable' : 'disable'} user ${id}`, () =>
      this.#admin.users.update({ id }, { enabled }),
    );
  }

  async deleteUser(id: string): Promise<void> {
    try {
      await this.#call(`delete user ${id}`, () => this.#admin.users.del({ id }));
    } catch (error) {
      // Gone already: the desired state holds.
      if (isKeycloakError(error, 404)) return;
      throw error;
    }
  }

  async logoutUser(id: string): Promise<void> {
    // Ends every Keycloak session of the user; Keycloak then sends back-channel
    // logouts to the clients that have one configured (the backend, Synapse).
    await this.#call(`log out user ${id}`, () => this.#admin.users.logout({ id }));
  }

  async ensureOrganization(org: NewIdentityOrganization): Promise<IdentityOrganization> {
    const existing = await this.findOrganizationByAlias(org.alias);
    if (existing !== undefined) return existing;

    let id: string;
    try {
      ({ id } = await this.#call(`create organization ${org.alias}`, () =>
        this.#admin.organizations.create({
          name: org.name,
          alias: org.alias,
          enabled: true,
          domains: org.domains.map((name) => ({ name, verified: false })),
        }),
      ));
    } catch (error) {
      // As for users: a lost race or an unseen success leaves the organization in place. A conflict on
      // the name or a domain of another organization stays an error.
      const raced = await this.findOrganizationByAlias(org.alias).catch(() => undefined);
      if (raced !== undefined) return raced;
      throw error;
    }

    const created = await this.#call(`read organization ${id}`, () =>
      this.#admin.organizations.findOne({ id }, { catchNotFound: true }),
    );
    if (created === undefined || created === null) {
      throw new KeycloakError(`organization ${id} was not found right after it was created`, {
        status: undefined,
        retryable: true,
      });
    }
    return toIdentityOrganization(created);
  }

  async findOrganizationByAlias(alias: string): Promise<IdentityOrganization | undefined> {
    // The admin API searches organizations by name and domain only, so the alias is matched here.
    for (let first = 0; ; first += PAGE_SIZE) {
      const page = await this.#call('list organizations', () =>
        this.#admin.organizations.find({ first, max: PAGE_SIZE }),
      );
      const match = page.find((candidate) => candidate.alias === alias);
      if (match !== undefined) return toIdentityOrganization(match);
      if (page.length < PAGE_SIZE) return undefined;
    }
  }

  async addOrganizationMember(organizationId: string, userId: string): Promise<void> {
    try {
      await this.#call(`add user ${userId} to organization ${organizationId}`, () =>
        this.#admin.organizations.addMember({ orgId: organizationId, userId }),
      );
    } catch (error) {
      // Keycloak answers 409 when the user is a member already, 400 when a racing add won.
      if (await this.#isMember(organizationId, userId).catch(() => false)) return;
      throw error;
    }
  }

  async listOrganizationMemberIds(organizationId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let first = 0; ; first += PAGE_SIZE) {
      const page = await this.#call(`list members of organization ${organizationId}`, () =>
        this.#admin.organizations.listMembers({ orgId: organizationId, first, max: PAGE_SIZE }),
      );
      for (const member of page) {
        if (member.id !== undefined) ids.push(member.id);
      }
      if (page.length < PAGE_SIZE) return ids;
    }
  }

  async #isMember(organizationId: string, userId: string): Promise<boolean> {
    const organizations = await this.#call(`list organizations of user ${userId}`, () =>
      this.#admin.organizations.memberOrganizations({ userId }),
    );
    return organizations.some((organization) => organization.id === organizationId);
  }

  /**
   * Runs one admin API request and translates its failure. When Keycloak
   * rejects the access token (401, e.g. after a restart with new keys), the
   * token is renewed and the request sent once more; a rejected request has
   * changed nothing, so this is safe for writes too.
   */
  async #call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof NetworkError && error.response.status === 401)) {
        throw toKeycloakError(operation, this.#baseUrl, this.#timeoutMs, error);
      }
    }
    this.#token.invalidate();
    try {
      return await request();
    } catch (error) {
      throw toKeycloakError(operation, this.#baseUrl, this.#timeoutMs, error);
    }
  }
}
