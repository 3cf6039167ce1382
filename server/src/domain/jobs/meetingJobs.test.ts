import { describe, expect, it } from 'vitest';
import { checkedHandlers, failureRecordOf, jobKinds, type JobPayloads } from './catalog.js';

describe('the meeting jobs of the outbox', () => {
  it('hand the handler whom to take out: one identity, or a guest link’s guests', async () => {
    const seen: JobPayloads['meeting.remove'][] = [];
    const handlers = checkedHandlers({
      [jobKinds.meetingRemove]: async (payload: JobPayloads['meeting.remove']) => {
        seen.push(payload);
        await Promise.resolve();
      },
    });
    await handlers[jobKinds.meetingRemove]!({ roomName: 'ws1', leaver: { identity: 'p1' } });
    await handlers[jobKinds.meetingRemove]!({ roomName: 'ws1', leaver: { guestLinkId: 'l1', identity: 7 } });
    expect(seen).toEqual([
      { roomName: 'ws1', leaver: { identity: 'p1' } },
      { roomName: 'ws1', leaver: { guestLinkId: 'l1' } },
    ]);
  });

  it('fail a payload without a leaver or a room name for good', async () => {
    const handlers = checkedHandlers({
      [jobKinds.meetingRemove]: () => Promise.resolve(),
      [jobKinds.meetingEnd]: () => Promise.resolve(),
    });
    await expect(handlers[jobKinds.meetingRemove]!({ roomName: 'ws1', leaver: {} })).rejects.toMatchObject({
      message: 'job payload lacks leaver.identity or leaver.guestLinkId',
      retryable: false,
    });
    await expect(handlers[jobKinds.meetingEnd]!({})).rejects.toMatchObject({ retryable: false });
  });

  it('name no record for their failure: the meeting’s state is the video system’s', () => {
    expect(
      failureRecordOf({ kind: 'meeting.remove', payload: { roomName: 'r', leaver: { identity: 'p' } } }),
    ).toBeNull();
    expect(failureRecordOf({ kind: 'meeting.end', payload: { roomName: 'r' } })).toBeNull();
  });
});
