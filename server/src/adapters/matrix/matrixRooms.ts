import type {
  ChatAccount,
  ChatRoomRules,
  ChatRoomState,
  ChatRooms,
  Membership,
  NewChatAccount,
  NewChatRoom,
  RichNotice,
} from '../../domain/ports/chat.js';
import { accountClash } from '../../domain/errors.js';
import type { PartHealth } from '../../domain/ports/health.js';
import { MatrixError, isMatrixError } from './matrixErrors.js';
import { checkHomeserver } from './matrixHealth.js';
import { MatrixHttp, deactivateAccount, segment } from './matrixHttp.js';
import { aliasLocalpartForKey, roomAlias, toLocalpart, userId } from './matrixIds.js';
import {
  accountFrom,
  isJsonObject,
  levelsWithin,
  membershipOf,
  mergeUserLevels,
  parseStateEvents,
  powerLevel,
  powerLevelsDrift,
  powerLevelsOfRules,
  privilegedCreators,
  roomStateFrom,
  type JsonObject,
} from './matrixState.js';

export interface MatrixChatRoomsOptions {
  /** Base URL of the client-server API, e.g. http://localhost:8008. */
  homeserverUrl: string;
  /** The homeserver's server name, the part after the colon in user ids. */
  serverName: string;
  /** Token of the application service registration (as_token). */
  asToken: string;
  /** sender_localpart of the registration: the bot that creates and manages rooms. */
  senderLocalpart: string;
  /** Access token of a homeserver admin, for what only the Synapse admin API can do (reactivating accounts). */
  adminToken?: string | undefined;
  /** Per request, default 10 seconds. */
  timeoutMs?: number;
  /** Synapse's id of the Keycloak login (`oidc-` and its idp_id), to link accounts to sign-ins. */
  ssoProvider?: string;
}

const ENCRYPTION_ALGORITHM = 'm.megolm.v1.aes-sha2';

/**
 * The room version of new rooms: from 12 on, the room's creator (the service's
 * account) holds unlimited power, so levels above every room role are the
 * workspace's alone.
 */
const ROOM_VERSION = '12';

/**
 * The chat system on a Matrix homeserver, driven through an application
 * service: rooms are created and managed by the service's bot, and the
 * service acts as a person (`?user_id=`) only to accept their invitations.
 */
export class MatrixChatRooms implements ChatRooms {
  readonly part = 'synapse';
  private readonly http: MatrixHttp;
  private readonly serverName: string;
  private readonly senderLocalpart: string;
  private readonly ssoProvider: string;
  private readonly pendingRooms = new Map<string, Promise<string>>();
  private botAdminReady: Promise<void> | undefined;

  constructor(options: MatrixChatRoomsOptions) {
    this.http = new MatrixHttp({
      homeserverUrl: options.homeserverUrl,
      asToken: options.asToken,
      adminToken: options.adminToken,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    this.serverName = options.serverName;
    this.senderLocalpart = options.senderLocalpart;
    this.ssoProvider = options.ssoProvider ?? 'oidc-keycloak';
  }

  check(): Promise<PartHealth> {
    return checkHomeserver(this.http);
  }

  userIdFor(localpart: string): string {
    const mapped = toLocalpart(localpart);
    if (mapped === '') {
      throw new MatrixError('a chat account needs a non-empty user name', {
        status: undefined,
        errcode: 'M_INVALID_USERNAME',
        retryable: false,
      });
    }
    return userId(mapped, this.serverName);
  }

  async findAccount(localpart: string): Promise<ChatAccount | undefined> {
    const user = this.userIdFor(localpart);
    const body = await this.adminUser(user);
    return body === undefined ? undefined : accountFrom(user, body, this.ssoProvider);
  }

  /** The account as the admin API describes it (with its display name), if it exists. */
  private async adminUser(user: string): Promise<unknown> {
    try {
      return await this.http.call({ method: 'GET', admin: true, path: `/v2/users/${segment(user)}` });
    } catch (error) {
      if (isMatrixError(error, 'M_NOT_FOUND')) return undefined;
      throw error;
    }
  }

  async ensureUser(account: NewChatAccount): Promise<string> {
    const user = this.userIdFor(account.localpart);
    if (user === this.botUserId) throw accountClash('synapse');
    const displayName = account.displayName === '' ? undefined : account.displayName;
    const link = { auth_provider: this.ssoProvider, external_id: account.subject };
    const found = await this.adminUser(user);
    const existing = found === undefined ? undefined : accountFrom(user, found, this.ssoProvider);
    if (existing === undefined) {
      // The admin API creates the account with its sign-in link in one step. It gets no password:
      // the only way in is the identity provider, and only with this person's subject.
      await this.http.call({
        method: 'PUT',
        admin: true,
        path: `/v2/users/${segment(user)}`,
        body: { ...(displayName === undefined ? {} : { displayname: displayName }), external_ids: [link] },
      });
      return user;
    }
    const linked = existing.linkedSubjects.includes(account.subject);
    // An account of an earlier version (the workspace recorded it as the person's, linked to no
    // one yet) is linked now; any other account found by its name belongs to someone else.
    if (!linked && !(account.recorded === true && existing.linkedSubjects.length === 0)) {
      throw accountClash('synapse');
    }
    const change: JsonObject = {};
    if (!linked) change.external_ids = [link];
    // Compared first: every change of the display name is copied into the member event of each
    // of the user's rooms. (Read through the admin API: the homeserver answers profiles only to
    // people who share a room, ADR 0028.)
    const current = isJsonObject(found) && typeof found.displayname === 'string' ? found.displayname : undefined;
    if (displayName !== undefined && current !== displayName) {
      change.displayname = displayName;
    }
    if (Object.keys(change).length > 0) {
      await this.http.call({ method: 'PUT', admin: true, path: `/v2/users/${segment(user)}`, body: change });
    }
    return user;
  }

  async findRoomByKey(key: string): Promise<string | undefined> {
    const alias = roomAlias(aliasLocalpartForKey(key), this.serverName);
    try {
      const body = await this.http.call({ method: 'GET', path: `/directory/room/${segment(alias)}` });
      return isJsonObject(body) && typeof body.room_id === 'string' ? body.room_id : undefined;
    } catch (error) {
      if (isMatrixError(error, 'M_NOT_FOUND')) return undefined;
      throw error;
    }
  }

  async ensureRoom(room: NewChatRoom): Promise<string> {
    // Concurrent calls for one key in this process share one attempt, so they
    // cannot race each other into creating two rooms.
    const pending = this.pendingRooms.get(room.key);
    if (pending !== undefined) return pending;
    const attempt = this.findOrCreateRoom(room).finally(() => this.pendingRooms.delete(room.key));
    this.pendingRooms.set(room.key, attempt);
    return attempt;
  }

  private async findOrCreateRoom(room: NewChatRoom): Promise<string> {
    const existing = await this.findRoomByKey(room.key);
    if (existing !== undefined) return existing;

    // The private_chat preset lets the homeserver's guest accounts join; workspace rooms never do.
    const initialState: JsonObject[] = [
      { type: 'm.room.guest_access', state_key: '', content: { guest_access: 'forbidden' } },
      ...(room.encrypted
        ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: ENCRYPTION_ALGORITHM } }]
        : []),
    ];
    const body: JsonObject = {
      preset: 'private_chat',
      room_version: ROOM_VERSION,
      visibility: 'private',
      room_alias_name: aliasLocalpartForKey(room.key),
      name: room.name,
      initial_state: initialState,
    };
    if (room.topic !== undefined && room.topic !== '') body.topic = room.topic;
    if (room.space === true) body.creation_content = { type: 'm.space' };
    if (room.rules !== undefined) body.power_level_content_override = powerLevelsOfRules(room.rules);

    try {
      const created = await this.http.call({ method: 'POST', path: '/createRoom', body });
      if (isJsonObject(created) && typeof created.room_id === 'string') return created.room_id;
      throw new MatrixError('POST /createRoom answered without a room_id', {
        status: undefined,
        errcode: 'M_UNKNOWN',
        retryable: false,
      });
    } catch (error) {
      // Another process created the same room between our lookup and our
      // create. Synapse says so with M_ROOM_IN_USE when it notices before
      // creating, with HTTP 409 when the alias was taken meanwhile (the room it
      // created then stays behind, unnamed by any alias).
      if (isMatrixError(error, 'M_ROOM_IN_USE') || (isMatrixError(error) && error.status === 409)) {
        const winner = await this.findRoomByKey(room.key);
        if (winner !== undefined) return winner;
      }
      throw error;
    }
  }

  async invite(roomId: string, user: string): Promise<void> {
    try {
      await this.http.call({
        method: 'POST',
        path: `/rooms/${segment(roomId)}/invite`,
        body: { user_id: user },
      });
    } catch (error) {
      if (isMatrixError(error) && error.status === 403) {
        const membership = await this.membership(roomId, user);
        if (membership === 'join' || membership === 'invite') return;
      }
      throw error;
    }
  }

  async join(roomId: string, user: string): Promise<void> {
    await this.botIsServerAdmin();
    try {
      // The admin API joins a local person; the requester (the bot, in every room with the power to
      // invite) must be in the room. The service no longer acts as people: its user namespace is
      // its bot alone, so its token cannot log in as anyone or make a device for them.
      await this.http.call({
        method: 'POST',
        botAdmin: true,
        path: `/v1/join/${segment(roomId)}`,
        body: { user_id: user },
      });
    } catch (error) {
      if (isMatrixError(error) && error.status === 403) {
        if ((await this.membership(roomId, user)) === 'join') return;
      }
      throw error;
    }
  }

  async kick(roomId: string, user: string, reason?: string): Promise<void> {
    if (!isInRoom(await this.membership(roomId, user))) return;
    try {
      await this.http.call({
        method: 'POST',
        path: `/rooms/${segment(roomId)}/kick`,
        body: reason === undefined ? { user_id: user } : { user_id: user, reason },
      });
    } catch (error) {
      if (isMatrixError(error) && error.status === 403) {
        if (!isInRoom(await this.membership(roomId, user))) return;
      }
      throw error;
    }
  }

  async setUserPowerLevels(roomId: string, levels: Record<string, number>): Promise<void> {
    const [current, create] = await Promise.all([
      this.stateContent(roomId, 'm.room.power_levels'),
      this.stateEvent(roomId, 'm.room.create'),
    ]);
    const creators = privilegedCreators(create?.sender, create?.content ?? {});
    const merged = mergeUserLevels(current ?? {}, levels, creators);
    if (merged.forbidden.length > 0) {
      throw new MatrixError(
        `power of ${merged.forbidden.join(', ')} in ${roomId} cannot be lowered: room creators keep unlimited power in this room version`,
        { status: undefined, errcode: 'M_FORBIDDEN', retryable: false },
      );
    }
    if (merged.content === undefined) return;
    await this.http.call({
      method: 'PUT',
      path: `/rooms/${segment(roomId)}/state/m.room.power_levels/`,
      body: merged.content,
    });
  }

  async ensureRoomRules(roomId: string, rules: ChatRoomRules): Promise<string[]> {
    const [current, create] = await Promise.all([
      this.stateContent(roomId, 'm.room.power_levels'),
      this.stateEvent(roomId, 'm.room.create'),
    ]);
    const content = current ?? {};
    const creators = privilegedCreators(create?.sender, create?.content ?? {});
    // In rooms older than version 12 the service's account holds a level like anyone and can set none above it.
    const ownLevel = creators.has(this.botUserId)
      ? Number.POSITIVE_INFINITY
      : (powerLevel(isJsonObject(content.users) ? content.users[this.botUserId] : undefined) ??
        powerLevel(content.users_default) ??
        0);
    const wanted = levelsWithin(powerLevelsOfRules(rules), ownLevel);
    const drift = powerLevelsDrift(content, wanted);
    if (drift.length === 0) return [];
    await this.http.call({
      method: 'PUT',
      path: `/rooms/${segment(roomId)}/state/m.room.power_levels/`,
      body: { ...content, ...wanted },
    });
    return drift;
  }

  get botUserId(): string {
    return userId(this.senderLocalpart, this.serverName);
  }

  async ensureEncrypted(roomId: string): Promise<void> {
    if (await this.stateContent(roomId, 'm.room.encryption')) return;
    await this.http.call({
      method: 'PUT',
      path: `/rooms/${segment(roomId)}/state/m.room.encryption/`,
      body: { algorithm: ENCRYPTION_ALGORITHM },
    });
  }

  async forbidGuests(roomId: string): Promise<void> {
    if ((await this.stateContent(roomId, 'm.room.guest_access'))?.guest_access === 'forbidden') return;
    await this.http.call({
      method: 'PUT',
      path: `/rooms/${segment(roomId)}/state/m.room.guest_access/`,
      body: { guest_access: 'forbidden' },
    });
  }

  async sendNotice(roomId: string, body: string, txnId: string, rich?: RichNotice): Promise<void> {
    // The same transaction id within the service's session yields the same event, so a retried job posts once.
    await this.http.call({
      method: 'PUT',
      path: `/rooms/${segment(roomId)}/send/m.room.message/${segment(txnId)}`,
      body: {
        ...rich?.fields,
        ...(rich?.html === undefined ? {} : { format: 'org.matrix.custom.html', formatted_body: rich.html }),
        msgtype: 'm.notice',
        body,
      },
    });
  }

  async setRoomDetails(roomId: string, details: { name: string; topic: string }): Promise<void> {
    const [name, topic] = await Promise.all([
      this.stateContent(roomId, 'm.room.name'),
      this.stateContent(roomId, 'm.room.topic'),
    ]);
    // Compare first: each change is an event every member's client shows.
    if ((name?.name ?? '') !== details.name) {
      await this.http.call({
        method: 'PUT',
        path: `/rooms/${segment(roomId)}/state/m.room.name/`,
        body: { name: details.name },
      });
    }
    if ((topic?.topic ?? '') !== details.topic) {
      await this.http.call({
        method: 'PUT',
        path: `/rooms/${segment(roomId)}/state/m.room.topic/`,
        body: { topic: details.topic },
      });
    }
  }

  async deactivateUser(user: string): Promise<void> {
    // Also logs out every device of the account; safe to repeat.
    await deactivateAccount(this.http, user, false);
  }

  /**
   * The bot joins people through the admin API, so it must be a server admin.
   * Checked once per process; when it is not yet, its account is registered
   * (the service's own namespace) and made admin with the operator's token.
   */
  private botIsServerAdmin(): Promise<void> {
    this.botAdminReady ??= (async () => {
      const bot = segment(this.botUserId);
      try {
        const body = await this.http.call({ method: 'GET', botAdmin: true, path: `/v1/users/${bot}/admin` });
        if (isJsonObject(body) && body.admin === true) return;
      } catch (error) {
        if (!(isMatrixError(error) && (error.status === 403 || error.status === 401))) throw error;
      }
      try {
        await this.http.call({
          method: 'POST',
          path: '/register',
          body: { type: 'm.login.application_service', username: this.senderLocalpart, inhibit_login: true },
        });
      } catch (error) {
        if (!isMatrixError(error, 'M_USER_IN_USE')) throw error;
      }
      await this.http.call({ method: 'PUT', admin: true, path: `/v1/users/${bot}/admin`, body: { admin: true } });
    })().catch((error: unknown) => {
      this.botAdminReady = undefined;
      throw error;
    });
    return this.botAdminReady;
  }

  async reactivateUser(user: string): Promise<void> {
    // Reactivation exists only in the Synapse admin API. The account has no
    // password: people sign in through Keycloak.
    await this.http.call({
      method: 'PUT',
      admin: true,
      path: `/v2/users/${segment(user)}`,
      body: { deactivated: false },
    });
  }

  async getRoomState(roomId: string): Promise<ChatRoomState> {
    const body = await this.http.call({ method: 'GET', path: `/rooms/${segment(roomId)}/state` });
    return roomStateFrom(roomId, parseStateEvents(body));
  }

  private async membership(roomId: string, user: string): Promise<Membership | undefined> {
    return membershipOf(await this.stateContent(roomId, 'm.room.member', user));
  }

  /** Content of one state event as the bot sees it, or undefined if there is none. */
  private async stateContent(roomId: string, type: string, stateKey = ''): Promise<JsonObject | undefined> {
    try {
      const body = await this.http.call({
        method: 'GET',
        path: `/rooms/${segment(roomId)}/state/${segment(type)}/${segment(stateKey)}`,
      });
      return isJsonObject(body) ? body : undefined;
    } catch (error) {
      if (isMatrixError(error, 'M_NOT_FOUND')) return undefined;
      throw error;
    }
  }

  /** One whole state event (with its sender), or undefined if there is none. */
  private async stateEvent(
    roomId: string,
    type: string,
  ): Promise<{ sender: string | undefined; content: JsonObject } | undefined> {
    try {
      const body = await this.http.call({
        method: 'GET',
        path: `/rooms/${segment(roomId)}/state/${segment(type)}/?format=event`,
      });
      if (!isJsonObject(body)) return undefined;
      return {
        sender: typeof body.sender === 'string' ? body.sender : undefined,
        content: isJsonObject(body.content) ? body.content : {},
      };
    } catch (error) {
      if (isMatrixError(error, 'M_NOT_FOUND')) return undefined;
      throw error;
    }
  }
}

function isInRoom(membership: Membership | undefined): boolean {
  return membership === 'join' || membership === 'invite' || membership === 'knock';
}
