import { describe, expect, it } from 'vitest';
import { DOCUMENT_CARD_KEY, documentCardOf } from './documentCard';

const BOT = '@workspace-bot:amt.example';
const notice = (card: unknown) => ({
  msgtype: 'm.notice',
  body: 'Anna hat „Protokoll“ geteilt: https://amt.example/rooms/r1/documents/e1',
  format: 'org.matrix.custom.html',
  formatted_body: '<a href="https://amt.example/rooms/r1/documents/e1">Protokoll</a>',
  [DOCUMENT_CARD_KEY]: card,
});

describe('document link cards in the chat', () => {
  it('reads the card of the service account’s notice', () => {
    expect(documentCardOf(notice({ roomId: 'r1', entryId: 'e1', name: 'Protokoll', kind: 'text' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      entryId: 'e1',
      name: 'Protokoll',
      kind: 'text',
    });
  });

  it('ignores the key on anyone else’s message, on other message types, and without a service account', () => {
    const card = { roomId: 'r1', entryId: 'e1', name: 'x', kind: 'file' };
    expect(documentCardOf(notice(card), '@anna:amt.example', BOT)).toBeUndefined();
    expect(documentCardOf({ ...notice(card), msgtype: 'm.text' }, BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice(card), BOT, undefined)).toBeUndefined();
  });

  it('needs the room and the entry; a missing name or kind falls back', () => {
    expect(documentCardOf(notice({ entryId: 'e1' }), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice({ roomId: 'r1', entryId: '' }), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice('r1/e1'), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice({ roomId: 'r1', entryId: 'e1', kind: 'virus' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      entryId: 'e1',
      name: 'e1',
      kind: 'file',
    });
  });
});
