import { describe, expect, it } from 'vitest';
import { MEETING_NOTICE_KEY, meetingNoticeOf } from './meetingNotice';

const BOT = '@workspace-bot:amt.example';
const notice = (field: unknown) => ({
  msgtype: 'm.notice',
  body: 'Eine Besprechung hat begonnen.',
  [MEETING_NOTICE_KEY]: field,
});

describe('meeting notices in the chat', () => {
  it('reads who started a meeting and who took part, as ids', () => {
    expect(meetingNoticeOf(notice({ roomId: 'r1', event: 'started', by: 'p1' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      event: 'started',
      by: 'p1',
    });
    expect(meetingNoticeOf(notice({ roomId: 'r1', event: 'ended', participants: ['p1', 7, 'p2'] }), BOT, BOT)).toEqual({
      roomId: 'r1',
      event: 'ended',
      participants: ['p1', 'p2'],
    });
  });

  it('ignores the key on anyone else’s message, on other types and on malformed fields', () => {
    const field = { roomId: 'r1', event: 'started', by: 'p1' };
    expect(meetingNoticeOf(notice(field), '@anna:amt.example', BOT)).toBeUndefined();
    expect(meetingNoticeOf({ ...notice(field), msgtype: 'm.text' }, BOT, BOT)).toBeUndefined();
    expect(meetingNoticeOf(notice(field), BOT, undefined)).toBeUndefined();
    expect(meetingNoticeOf(notice({ roomId: 'r1', event: 'started' }), BOT, BOT)).toBeUndefined();
    expect(meetingNoticeOf(notice({ roomId: 'r1', event: 'ended' }), BOT, BOT)).toBeUndefined();
    expect(meetingNoticeOf(notice({ event: 'started', by: 'p1' }), BOT, BOT)).toBeUndefined();
    expect(meetingNoticeOf(notice(['r1']), BOT, BOT)).toBeUndefined();
  });
});
