import type { ChatAccount, ChatRoomRules, ChatRoomState, Membership } from '../../domain/ports/chat.js';

/**
 * Reading room state events and power levels. Pure functions over the JSON the
 * homeserver returns; nothing here trusts the shape of that JSON.
 */

export type JsonObject = Record<string, unknown>;

export interface StateEvent {
  type: string;
  stateKey: string;
  sender: string | undefined;
  content: JsonObject;
}

/**
 * The level we report for room creators in room versions where creators have
 * unlimited power (12 and later): the conventional top level. Creators may not
 * appear in the power level users map there, and nobody can lower their power.
 */
export const CREATOR_POWER_LEVEL = 100;

/** Room versions in which power levels work the classic way (creator listed in `users`). */
const CLASSIC_ROOM_VERSIONS = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);

const MEMBERSHIPS: ReadonlySet<string> = new Set<Membership>(['invite', 'join', 'leave', 'ban', 'knock']);

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseStateEvents(body: unknown): StateEvent[] {
  if (!Array.isArray(body)) return [];
  const events: StateEvent[] = [];
  for (const raw of body) {
    if (!isJsonObject(raw)) continue;
    const { type, state_key: stateKey, sender, content } = raw;
    if (typeof type !== 'string' || typeof stateKey !== 'string') continue;
    events.push({
      type,
      stateKey,
      sender: typeof sender === 'string' ? sender : undefined,
      content: isJsonObject(content) ? content : {},
    });
  }
  return events;
}

export function membershipOf(content: unknown): Membership | undefined {
  if (!isJsonObject(content)) return undefined;
  const value = content.membership;
  return typeof value === 'string' && MEMBERSHIPS.has(value) ? (value as Membership) : undefined;
}

/**
 * Who holds unlimited power because they created the room: the sender of
 * m.room.create plus `additional_creators`, in room versions 12 and later.
 * Empty for classic room versions.
 */
export function privilegedCreators(createSender: string | undefined, createContent: JsonObject): Set<string> {
  const version = typeof createContent.room_version === 'string' ? createContent.room_version : '1';
  const creators = new Set<string>();
  if (CLASSIC_ROOM_VERSIONS.has(version)) return creators;
  if (createSender !== undefined) creators.add(createSender);
  const additional = createContent.additional_creators;
  if (Array.isArray(additional)) {
    for (const user of additional) if (typeof user === 'string') creators.add(user);
  }
  return creators;
}

/** A power level as a number; rooms before version 10 may hold numeric strings. */
export function powerLevel(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function userLevels(powerLevelsContent: JsonObject): Record<string, number> {
  const levels: Record<string, number> = {};
  const users = powerLevelsContent.users;
  if (!isJsonObject(users)) return levels;
  for (const [user, value] of Object.entries(users)) {
    const level = powerLevel(value);
    if (level !== undefined) levels[user] = level;
  }
  return levels;
}

export function roomStateFrom(roomId: string, events: StateEvent[]): ChatRoomState {
  let name: string | undefined;
  let topic: string | undefined;
  let encrypted = false;
  // Without the event, the specification has guests forbidden.
  let guestsForbidden = true;
  let createSender: string | undefined;
  let createContent: JsonObject = {};
  let powerLevelsContent: JsonObject = {};
  const members: ChatRoomState['members'] = [];

  for (const event of events) {
    const { content } = event;
    if (event.stateKey === '') {
      switch (event.type) {
        case 'm.room.name':
          name = typeof content.name === 'string' && content.name !== '' ? content.name : undefined;
          break;
        case 'm.room.topic':
          topic = typeof content.topic === 'string' && content.topic !== '' ? content.topic : undefined;
          break;
        case 'm.room.encryption':
          encrypted = typeof content.algorithm === 'string';
          break;
        case 'm.room.guest_access':
          guestsForbidden = content.guest_access !== 'can_join';
          break;
        case 'm.room.create':
          createSender = event.sender;
          createContent = content;
          break;
        case 'm.room.power_levels':
          powerLevelsContent = content;
          break;
      }
    }
    if (event.type === 'm.room.member') {
      const membership = membershipOf(content);
      if (membership !== undefined) members.push({ userId: event.stateKey, membership });
    }
  }

  const userPowerLevels = userLevels(powerLevelsContent);
  for (const creator of privilegedCreators(createSender, createContent)) {
    userPowerLevels[creator] = CREATOR_POWER_LEVEL;
  }
  return { roomId, name, topic, encrypted, guestsForbidden, members, userPowerLevels };
}

export interface PowerLevelsMerge {
  /** The new content to write, or undefined when nothing would change. */
  content: JsonObject | undefined;
  /** Creators whose power was asked to be lowered, which the room version forbids. */
  forbidden: string[];
}

/**
 * Merges the wanted user levels into a power levels content. A user wanted at
 * the room's `users_default` is removed from the map rather than listed.
 * Creators with unlimited power are left out: asking for a level at or above
 * CREATOR_POWER_LEVEL is already satisfied, asking for less cannot be done.
 */
export function mergeUserLevels(
  content: JsonObject,
  wanted: Record<string, number>,
  creators: ReadonlySet<string>,
): PowerLevelsMerge {
  const users: JsonObject = isJsonObject(content.users) ? { ...content.users } : {};
  const usersDefault = powerLevel(content.users_default) ?? 0;
  const forbidden: string[] = [];
  let changed = false;

  for (const [user, level] of Object.entries(wanted)) {
    if (creators.has(user)) {
      if (level < CREATOR_POWER_LEVEL) forbidden.push(user);
      continue;
    }
    const listed = Object.hasOwn(users, user);
    const current = listed ? powerLevel(users[user]) : undefined;
    if (level === usersDefault) {
      if (listed && current !== usersDefault) {
        delete users[user];
        changed = true;
      }
    } else if (current !== level || typeof users[user] !== 'number') {
      users[user] = level;
      changed = true;
    }
  }

  return { content: changed ? { ...content, users } : undefined, forbidden };
}

/**
 * State events of a room only the workspace sends: its settings, its
 * membership rules, its power levels. Owners and moderators change these
 * through the workspace's API, never directly in Matrix.
 */
export const WORKSPACE_STATE_EVENTS = [
  'm.room.name',
  'm.room.topic',
  'm.room.avatar',
  'm.room.power_levels',
  'm.room.join_rules',
  'm.room.history_visibility',
  'm.room.encryption',
  'm.room.guest_access',
  'm.room.server_acl',
  'm.room.tombstone',
  'm.room.canonical_alias',
  'm.room.pinned_events',
] as const;

/** Events of the conversation: messages (encrypted ones too), reactions, removing one's own. */
export const POSTING_EVENTS = [
  'm.room.message',
  'm.room.encrypted',
  'm.reaction',
  'm.sticker',
  'm.room.redaction',
] as const;

/**
 * The levels of an m.room.power_levels content that follow the rules: all but
 * `users`. Every action not named is a state event and needs `state_default`.
 */
export function powerLevelsOfRules(rules: ChatRoomRules): JsonObject {
  return {
    users_default: rules.defaultLevel,
    events_default: rules.post,
    state_default: rules.workspaceOnly,
    invite: rules.workspaceOnly,
    kick: rules.workspaceOnly,
    ban: rules.workspaceOnly,
    redact: rules.removeOthers,
    notifications: { room: rules.notifyEveryone },
    events: {
      ...Object.fromEntries(WORKSPACE_STATE_EVENTS.map((type) => [type, rules.workspaceOnly])),
      ...Object.fromEntries(POSTING_EVENTS.map((type) => [type, rules.post])),
    },
  };
}

const RULE_LEVELS = ['users_default', 'events_default', 'state_default', 'invite', 'kick', 'ban', 'redact'] as const;

function levelMap(value: unknown): Record<string, number | undefined> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, level]) => [key, powerLevel(level)]));
}

/**
 * Where a power levels content differs from the wanted levels (from
 * powerLevelsOfRules), as paths such as `kick` or `events.m.room.join_rules`.
 * An event type the content lists that the wanted levels do not is a
 * difference too: it would give some role a right the rules do not.
 */
export function powerLevelsDrift(content: JsonObject, wanted: JsonObject): string[] {
  const drift: string[] = RULE_LEVELS.filter((key) => powerLevel(content[key]) !== powerLevel(wanted[key]));
  const [haveNotify, wantNotify] = [levelMap(content.notifications), levelMap(wanted.notifications)];
  for (const key of new Set([...Object.keys(haveNotify), ...Object.keys(wantNotify)])) {
    if (haveNotify[key] !== wantNotify[key]) drift.push(`notifications.${key}`);
  }
  const [haveEvents, wantEvents] = [levelMap(content.events), levelMap(wanted.events)];
  for (const type of new Set([...Object.keys(haveEvents), ...Object.keys(wantEvents)])) {
    if (haveEvents[type] !== wantEvents[type]) drift.push(`events.${type}`);
  }
  return drift;
}

/**
 * The wanted levels as far as the workspace's account can set them: a level
 * above its own cannot be set. In room versions 12 and later it created the
 * room and has unlimited power; in older rooms it holds a level like anyone.
 */
export function levelsWithin(wanted: JsonObject, ownLevel: number): JsonObject {
  const cap = (value: unknown): unknown => (typeof value === 'number' ? Math.min(value, ownLevel) : value);
  const capAll = (value: unknown): unknown =>
    isJsonObject(value) ? Object.fromEntries(Object.entries(value).map(([key, level]) => [key, cap(level)])) : value;
  return Object.fromEntries(
    Object.entries(wanted).map(([key, value]) => [
      key,
      key === 'events' || key === 'notifications' ? capAll(value) : cap(value),
    ]),
  );
}

/** The admin API's view of an account (GET /_synapse/admin/v2/users/<id>), as far as ownership matters. */
export function accountFrom(userId: string, body: unknown, ssoProvider: string): ChatAccount {
  const account = isJsonObject(body) ? body : {};
  const links = Array.isArray(account.external_ids) ? account.external_ids : [];
  return {
    userId,
    linkedSubjects: links
      .filter(isJsonObject)
      .filter((link) => link.auth_provider === ssoProvider && typeof link.external_id === 'string')
      .map((link) => link.external_id as string),
    deactivated: account.deactivated === true || account.deactivated === 1,
  };
}
