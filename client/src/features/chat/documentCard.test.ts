import { describe, expect, it } from 'vitest';
import { DOCUMENT_CARD_KEY, documentCardOf } from './documentCard';

const BOT = '@workspace-bot:amt.example';
const notice = (card: unknown) => ({
  msgtype: 'm.notice',
  body: 'Ein Dokument wurde geteilt: https://amt.example/rooms/r1/documents/e1',
  [DOCUMENT_CARD_KEY]: card,
});

describe('document link cards in the chat', () => {
  it('reads the ids of the service account’s notice; name and kind come from the workspace', () => {
    expect(documentCardOf(notice({ roomId: 'r1', entryId: 'e1' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      entryId: 'e1',
      name: undefined,
      kind: undefined,
    });
  });

  it('keeps the name and kind of an older notice that carried them', () => {
    expect(documentCardOf(notice({ roomId: 'r1', entryId: 'e1', name: 'Protokoll', kind: 'text' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      entryId: 'e1',
      name: 'Protokoll',
      kind: 'text',
    });
  });

  it('ignores the key on anyone else’s message, on other message types, and without a service account', () => {
    const card = { roomId: 'r1', entryId: 'e1' };
    expect(documentCardOf(notice(card), '@anna:amt.example', BOT)).toBeUndefined();
    expect(documentCardOf({ ...notice(card), msgtype: 'm.text' }, BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice(card), BOT, undefined)).toBeUndefined();
  });

  it('needs the room and the entry; an unknown or empty name or kind is left out', () => {
    expect(documentCardOf(notice({ entryId: 'e1' }), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice({ roomId: 'r1', entryId: '' }), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice('r1/e1'), BOT, BOT)).toBeUndefined();
    expect(documentCardOf(notice({ roomId: 'r1', entryId: 'e1', name: ' ', kind: 'virus' }), BOT, BOT)).toEqual({
      roomId: 'r1',
      entryId: 'e1',
      name: undefined,
      kind: undefined,
    });
  });
});
