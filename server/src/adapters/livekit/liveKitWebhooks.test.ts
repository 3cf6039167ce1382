import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { LiveKitWebhooks } from './liveKitWebhooks.js';

const apiKey = 'ws-test-key';
const apiSecret = 'a-test-secret-of-more-than-32-characters';
const webhooks = new LiveKitWebhooks(apiKey, apiSecret);

const body = (event: string) =>
  JSON.stringify({ event, id: 'EV_1', room: { name: 'wsroom' }, participant: { identity: 'person-1', name: 'E' } });

async function signed(text: string, secret = apiSecret): Promise<string> {
  const token = new AccessToken(apiKey, secret);
  token.sha256 = createHash('sha256').update(text).digest('base64');
  return token.toJwt();
}

describe('LiveKit webhooks', () => {
  it('reads who joined and left from a signed report', async () => {
    const joined = body('participant_joined');
    expect(await webhooks.read(joined, await signed(joined))).toEqual({
      kind: 'joined',
      roomName: 'wsroom',
      identity: 'person-1',
    });
    const left = body('participant_left');
    expect(await webhooks.read(left, await signed(left))).toMatchObject({ kind: 'left' });
    const other = body('room_started');
    expect(await webhooks.read(other, await signed(other))).toBeNull();
  });

  it('refuses a report without a signature, with another secret, or with a changed body', async () => {
    const joined = body('participant_joined');
    await expect(webhooks.read(joined, undefined)).rejects.toBeInstanceOf(DomainError);
    await expect(
      webhooks.read(joined, await signed(joined, 'another-secret-of-more-than-32-characters')),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(webhooks.read(joined, await signed(body('participant_left')))).rejects.toBeInstanceOf(DomainError);
  });
});
