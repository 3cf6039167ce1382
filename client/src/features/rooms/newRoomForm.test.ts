import { describe, expect, it } from 'vitest';
import { EMPTY_ROOM_FORM, NAME_MAX, TOPIC_MAX, checkRoomForm, newRoomOf, roomChanges } from './newRoomForm';

describe('room form', () => {
  it('needs a name, within the limits', () => {
    expect(checkRoomForm(EMPTY_ROOM_FORM)).toEqual({ name: { code: 'required' } });
    expect(checkRoomForm({ ...EMPTY_ROOM_FORM, name: '   ' })).toEqual({ name: { code: 'required' } });
    expect(
      checkRoomForm({ ...EMPTY_ROOM_FORM, name: 'x'.repeat(NAME_MAX + 1), topic: 'y'.repeat(TOPIC_MAX + 1) }),
    ).toEqual({
      name: { code: 'tooLong', max: NAME_MAX },
      topic: { code: 'tooLong', max: TOPIC_MAX },
    });
    expect(checkRoomForm({ ...EMPTY_ROOM_FORM, name: 'Haushalt' })).toEqual({});
  });

  it('sends trimmed values and no empty topic', () => {
    expect(newRoomOf({ name: ' Haushalt ', topic: '  ', visibility: 'tenant' })).toEqual({
      name: 'Haushalt',
      visibility: 'tenant',
    });
    expect(newRoomOf({ name: 'A', topic: ' Plan ', visibility: 'private' })).toEqual({
      name: 'A',
      topic: 'Plan',
      visibility: 'private',
    });
  });

  it('sends only what changed', () => {
    const room = { name: 'A', topic: 'T', visibility: 'private' as const };
    expect(roomChanges(room, { name: ' A ', topic: 'T', visibility: 'private' })).toEqual({});
    expect(roomChanges(room, { name: 'B', topic: '', visibility: 'tenant' })).toEqual({
      name: 'B',
      topic: '',
      visibility: 'tenant',
    });
  });
});
