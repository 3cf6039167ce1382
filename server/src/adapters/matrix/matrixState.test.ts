import { describe, expect, it } from 'vitest';
import {
  CREATOR_POWER_LEVEL,
  levelsWithin,
  mergeUserLevels,
  powerLevelsDrift,
  powerLevelsOfRules,
  privilegedCreators,
  roomStateFrom,
} from './matrixState.js';

const bot = '@workspace-bot:example.org';
const anna = '@anna:example.org';

describe('privilegedCreators', () => {
  it('is empty in classic room versions', () => {
    expect(privilegedCreators(bot, { room_version: '10' }).size).toBe(0);
    expect(privilegedCreators(bot, {}).size).toBe(0);
  });

  it('holds the creator and additional creators from room version 12 on', () => {
    expect([...privilegedCreators(bot, { room_version: '12', additional_creators: [anna] })]).toEqual([bot, anna]);
  });
});

describe('roomStateFrom', () => {
  it('reports creators of version 12 rooms at the top level', () => {
    const state = roomStateFrom('!r', [
      { type: 'm.room.create', stateKey: '', sender: bot, content: { room_version: '12' } },
      { type: 'm.room.power_levels', stateKey: '', sender: bot, content: { users: { [anna]: '50' } } },
      { type: 'm.room.member', stateKey: anna, sender: anna, content: { membership: 'join' } },
      { type: 'm.room.encryption', stateKey: '', sender: bot, content: { algorithm: 'm.megolm.v1.aes-sha2' } },
      { type: 'm.room.name', stateKey: '', sender: bot, content: { name: '' } },
    ]);
    expect(state).toEqual({
      roomId: '!r',
      name: undefined,
      topic: undefined,
      encrypted: true,
      guestsForbidden: true,
      members: [{ userId: anna, membership: 'join' }],
      userPowerLevels: { [anna]: 50, [bot]: CREATOR_POWER_LEVEL },
    });
  });

  it('reads whether guests may join: only an explicit can_join lets them', () => {
    const guests = (content?: Record<string, unknown>) =>
      roomStateFrom('!r', content ? [{ type: 'm.room.guest_access', stateKey: '', sender: bot, content }] : [])
        .guestsForbidden;
    expect(guests({ guest_access: 'can_join' })).toBe(false);
    expect(guests({ guest_access: 'forbidden' })).toBe(true);
    expect(guests()).toBe(true);
  });
});

describe('mergeUserLevels', () => {
  const content = { users: { [anna]: 50 }, users_default: 0, events_default: 0 };

  it('changes nothing when the levels are already there', () => {
    expect(mergeUserLevels(content, { [anna]: 50 }, new Set())).toEqual({ content: undefined, forbidden: [] });
  });

  it('keeps the other fields and removes users set back to the default', () => {
    expect(mergeUserLevels(content, { [anna]: 0 }, new Set()).content).toEqual({
      users: {},
      users_default: 0,
      events_default: 0,
    });
  });

  it('never lists creators and refuses to lower them', () => {
    expect(mergeUserLevels(content, { [bot]: 100 }, new Set([bot]))).toEqual({ content: undefined, forbidden: [] });
    expect(mergeUserLevels(content, { [bot]: 50 }, new Set([bot])).forbidden).toEqual([bot]);
  });
});

describe('power levels of the room rules', () => {
  const rules = { defaultLevel: 0, post: 0, removeOthers: 50, notifyEveryone: 50, workspaceOnly: 150 };
  const wanted = powerLevelsOfRules(rules);

  it("leaves to the workspace every level but posting, removing others' messages and notifying everyone", () => {
    const posting = ['m.room.message', 'm.room.encrypted', 'm.reaction', 'm.sticker', 'm.room.redaction'];
    const events = wanted.events as Record<string, number>;
    for (const [type, level] of Object.entries(events))
      expect([type, level]).toEqual([type, posting.includes(type) ? 0 : 150]);
    expect(events['m.room.join_rules']).toBe(150);
    const { events: _events, notifications, ...levels } = wanted;
    expect(notifications).toEqual({ room: 50 });
    expect(levels).toEqual({
      users_default: 0,
      events_default: 0,
      redact: 50,
      state_default: 150,
      invite: 150,
      kick: 150,
      ban: 150,
    });
  });

  it('finds what differs, including event types the rules do not name, and keeps users out of it', () => {
    expect(powerLevelsDrift({ ...wanted, users: { [anna]: 100 } }, wanted)).toEqual([]);
    const events = wanted.events as Record<string, number>;
    const drifted = {
      ...wanted,
      kick: '50',
      notifications: {},
      events: { ...events, 'm.room.join_rules': 50, 'org.example.custom': 0 },
    };
    expect(powerLevelsDrift(drifted, wanted)).toEqual([
      'kick',
      'notifications.room',
      'events.m.room.join_rules',
      'events.org.example.custom',
    ]);
    // A homeserver's defaults (no explicit levels at all) differ everywhere.
    expect(powerLevelsDrift({}, wanted)).toHaveLength(7 + 1 + Object.keys(events).length);
  });

  it('keeps levels within what the workspace account holds in rooms before version 12', () => {
    const capped = levelsWithin(wanted, 100);
    expect(capped).toMatchObject({ state_default: 100, kick: 100, redact: 50, notifications: { room: 50 } });
    expect((capped.events as Record<string, number>)['m.room.power_levels']).toBe(100);
    expect(levelsWithin(wanted, Number.POSITIVE_INFINITY)).toEqual(wanted);
  });
});
