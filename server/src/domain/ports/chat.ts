import type { HealthProbe } from './health.js';

export type Membership = 'invite' | 'join' | 'leave' | 'ban' | 'knock';

export interface NewChatRoom {
  /**
   * Stable key of the room in our database. The adapter derives the room's
   * alias from it, so creating the same room twice yields the same room.
   */
  key: string;
  name: string;
  topic?: string;
  /** End-to-end encryption; rooms are encrypted unless explicitly told otherwise. */
  encrypted: boolean;
  /** A space (a tenant's container of rooms) instead of a chat room. */
  space?: boolean;
  /** The power levels the room is created with; without, the homeserver's defaults. */
  rules?: ChatRoomRules;
}

/**
 * The power levels a chat room needs so that each room role can do there
 * exactly what it may (domain/roomCapabilities.ts), and nothing the workspace
 * does for them.
 */
export interface ChatRoomRules {
  /** Of those without a level of their own: a member's. */
  defaultLevel: number;
  /** Posting messages and reactions, removing one's own. */
  post: number;
  /** Removing others' messages. */
  removeOthers: number;
  /** Notifying the whole room. */
  notifyEveryone: number;
  /** Everything else: the room's settings, membership and power levels. */
  workspaceOnly: number;
}

export interface ChatRoomState {
  roomId: string;
  name: string | undefined;
  topic: string | undefined;
  encrypted: boolean;
  /** Whether the homeserver's guest accounts are kept out (m.room.guest_access "forbidden", or none set). */
  guestsForbidden: boolean;
  members: { userId: string; membership: Membership }[];
  /** Explicit power levels by user id (users not listed have the room default). */
  userPowerLevels: Record<string, number>;
}

/** A person's chat account as the workspace wants it. */
export interface NewChatAccount {
  /** The sign-in name; the account's id is derived from it. */
  localpart: string;
  displayName?: string | undefined;
  /**
   * The person's subject at the identity provider. The account is linked to it,
   * and the homeserver lets only that sign-in into the account.
   */
  subject: string;
  /**
   * The workspace's records name this account as the person's already (it was
   * made before accounts were linked to sign-ins): it is linked now.
   */
  recorded?: boolean;
}

/** A chat account that exists, as far as deciding whether it is ours matters. */
export interface ChatAccount {
  userId: string;
  /** Identity-provider subjects whose sign-in lands in this account. */
  linkedSubjects: string[];
  deactivated: boolean;
}

export interface RichNotice {
  /** The notice as (sanitized, escaped) HTML. */
  html?: string;
  /** Extra content fields under namespaced keys, e.g. `de.arbeitsbereich.document`. */
  fields?: Record<string, unknown>;
}

/**
 * The chat system (a Matrix homeserver), seen from the domain. Every write is
 * safe to repeat: ensure/set operations converge instead of toggling.
 */
export interface ChatRooms extends HealthProbe {
  /**
   * Makes sure the person's chat account exists, linked to their sign-in;
   * returns its full id. An account that exists under this name is taken over
   * only when it is linked to this very subject (or the workspace's records
   * name it as the person's and it is linked to nobody): anything else is an account clash, and the account
   * stays as it is. The service's own account is never anyone's.
   */
  ensureUser(account: NewChatAccount): Promise<string>;
  /** The account of this sign-in name, if one exists. */
  findAccount(localpart: string): Promise<ChatAccount | undefined>;
  userIdFor(localpart: string): string;
  /** The account that creates and administers rooms (the Application Service's bot). */
  readonly botUserId: string;
  /** Creates the room once; a second call with the same key returns the same room id. */
  ensureRoom(room: NewChatRoom): Promise<string>;
  findRoomByKey(key: string): Promise<string | undefined>;
  invite(roomId: string, userId: string): Promise<void>;
  join(roomId: string, userId: string): Promise<void>;
  kick(roomId: string, userId: string, reason?: string): Promise<void>;
  /** Sets the given users' power levels, leaving everyone else's as they are. */
  setUserPowerLevels(roomId: string, levels: Record<string, number>): Promise<void>;
  getRoomState(roomId: string): Promise<ChatRoomState>;
  /**
   * Sets the levels the room's actions need to the rules, leaving every
   * user's own level as it is. Returns what differed (empty: in step).
   */
  ensureRoomRules(roomId: string, rules: ChatRoomRules): Promise<string[]>;
  /** Turns end-to-end encryption on (it cannot be turned off again). */
  ensureEncrypted(roomId: string): Promise<void>;
  /** Keeps the homeserver's guest accounts out of the room (they are no people of the workspace). */
  forbidGuests(roomId: string): Promise<void>;
  /** Sets name and topic where they differ. */
  setRoomDetails(roomId: string, details: { name: string; topic: string }): Promise<void>;
  /**
   * Posts a notice (not a message: clients show it quieter, bots do not answer
   * it) as the service's account. `txnId` makes a repeat send the same event.
   * `rich` adds an HTML rendering and fields of our own (namespaced keys a client
   * may know, such as a document card); they never replace the body or the type.
   */
  sendNotice(roomId: string, body: string, txnId: string, rich?: RichNotice): Promise<void>;
  /** Locks the account (it can no longer sign in or act); safe to repeat. */
  deactivateUser(userId: string): Promise<void>;
  /** Undoes deactivateUser; needs the homeserver's admin API. */
  reactivateUser(userId: string): Promise<void>;
}
