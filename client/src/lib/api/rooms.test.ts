import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { parseRoom, parseRoomList, parseRoomMember } from './rooms';

const body = {
  id: '0b7d7c1e-2f0a-4d55-9c1e-1f2a3b4c5d61',
  tenantId: '0b7d7c1e-2f0a-4d55-9c1e-1f2a3b4c5d62',
  name: 'Haushalt 2026',
  topic: 'Planung',
  visibility: 'private',
  encrypted: true,
  status: 'active',
  sync: { state: 'pending', error: null },
  matrixRoomId: null,
  myRole: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
  abilities: { 'room.read': true, 'room.update': true, 'room.archive': false, odd: 'yes' },
  newMemberRoles: {
    'tenant-admin': ['moderator', 'member', 'guest'],
    member: ['moderator', 'member', 'guest'],
    guest: ['guest'],
  },
};

describe('rooms api', () => {
  it('reads a room with its sync state, role and abilities', () => {
    expect(parseRoom(body)).toEqual({
      ...body,
      abilities: { 'room.read': true, 'room.update': true, 'room.archive': false, odd: false },
    });
  });

  it('reads a room the person is not a member of', () => {
    expect(parseRoom({ ...body, myRole: null, matrixRoomId: '!a:localhost' })).toMatchObject({
      myRole: null,
      matrixRoomId: '!a:localhost',
    });
  });

  it('rejects unknown roles, visibilities and unencrypted rooms', () => {
    expect(() => parseRoom({ ...body, myRole: 'admin' })).toThrow(ApiError);
    expect(() => parseRoom({ ...body, visibility: 'public' })).toThrow(ApiError);
    expect(() => parseRoom({ ...body, encrypted: false })).toThrow(ApiError);
    expect(() => parseRoom({ ...body, newMemberRoles: { ...body.newMemberRoles, guest: ['admin'] } })).toThrow(
      ApiError,
    );
    expect(() => parseRoom({ ...body, newMemberRoles: undefined })).toThrow(ApiError);
  });

  it('reads the list with the tenant abilities, and members', () => {
    const list = parseRoomList({ rooms: [body], abilities: { 'room.create': true } });
    expect(list.rooms).toHaveLength(1);
    expect(list.abilities).toEqual({ 'room.create': true });
    const member = {
      personId: '0b7d7c1e-2f0a-4d55-9c1e-1f2a3b4c5d63',
      displayName: 'Bernd Beispiel',
      username: 'bernd.beispiel',
      role: 'moderator',
      personStatus: 'active',
      assignableRoles: ['moderator', 'member'],
    };
    expect(parseRoomMember(member)).toEqual(member);
  });
});
