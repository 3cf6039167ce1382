import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { linkGuestGrant, meetingGrantOf } from '../../domain/meeting.js';
import { LiveKitTokens, liveKitGrant } from './liveKitTokens.js';

const apiKey = 'ws-test-key';
const apiSecret = 'a-test-secret-of-more-than-32-characters';
const tokens = new LiveKitTokens({ url: 'ws://127.0.0.1:17880', apiKey, apiSecret, lifetimeMinutes: 10 });

// Who gets what in a room's meeting, from the room role table: [who, roomAdmin, canPublish, canPublishData].
const table: [string, ReturnType<typeof meetingGrantOf>, boolean, boolean, boolean][] = [
  ['owner', meetingGrantOf('owner'), true, true, true],
  ['moderator', meetingGrantOf('moderator'), true, true, true],
  ['member', meetingGrantOf('member'), false, true, true],
  ['room guest', meetingGrantOf('guest'), false, false, false],
  // Let in from the waiting room by a moderator, a link guest sends camera and microphone (ADR 0051).
  ['link guest', linkGuestGrant, false, true, true],
];

describe('LiveKit meeting tokens', () => {
  it.each(table)('%s: roomAdmin %s, canPublish %s, canPublishData %s', async (_who, grant, admin, publish, data) => {
    const now = Date.now();
    const minted = await tokens.mint({
      roomName: 'wsroom',
      user: { id: 'person-1', name: 'Erika Muster' },
      moderator: grant.moderate,
      publish: grant.publish,
      recording: false,
      lobbyBypass: true,
      now,
    });
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(minted.jwt);
    expect(claims.sub).toBe('person-1');
    expect(claims.name).toBe('Erika Muster');
    expect(claims.video).toMatchObject({
      room: 'wsroom',
      roomJoin: true,
      roomAdmin: admin,
      canPublish: publish,
      canPublishData: data,
      canSubscribe: true,
      canUpdateOwnMetadata: false,
      roomCreate: false,
      roomList: false,
      roomRecord: false,
    });
    expect(minted.expiresAt).toBeGreaterThan(now + 9 * 60_000);
    expect(minted.expiresAt).toBeLessThanOrEqual(now + 10 * 60_000);
    expect((claims.exp ?? 0) * 1000).toBe(minted.expiresAt);
  });

  it('gives someone without a room role no right', () => {
    expect(meetingGrantOf(null)).toEqual({ moderate: false, publish: false });
    expect(liveKitGrant({ roomName: 'r', moderator: false, publish: false })).toMatchObject({
      roomAdmin: false,
      canPublish: false,
      canPublishData: false,
    });
  });

  it('is refused with another secret', async () => {
    const minted = await tokens.mint({
      roomName: 'wsroom',
      user: { id: 'p', name: 'P' },
      moderator: true,
      publish: true,
      recording: false,
      lobbyBypass: true,
      now: Date.now(),
    });
    await expect(
      new TokenVerifier(apiKey, 'another-secret-of-more-than-32-characters').verify(minted.jwt),
    ).rejects.toThrow();
  });
});
