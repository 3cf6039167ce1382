import { describe, expect, it } from 'vitest';
import { CREATOR_POWER_LEVEL, mergeUserLevels, privilegedCreators, roomStateFrom } from './matrixState.js';

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
