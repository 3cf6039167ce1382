import { describe, expect, it } from 'vitest';
import { documentsViewOf, guestTokenOf, paths, roomIdOf } from './paths';

describe('room paths', () => {
  it('builds and reads the path of a room', () => {
    expect(paths.room('a b/c')).toBe('/rooms/a%20b%2Fc');
    expect(roomIdOf(paths.room('a b/c'))).toBe('a b/c');
    expect(roomIdOf('/rooms/0b7c')).toBe('0b7c');
  });

  it('finds no room in other paths', () => {
    expect(roomIdOf('/rooms')).toBeUndefined();
    expect(roomIdOf('/rooms/x/y')).toBeUndefined();
    expect(roomIdOf('/admin/people')).toBeUndefined();
    expect(roomIdOf('/rooms/%E0%A4%A')).toBeUndefined();
  });
});

describe('guest link paths', () => {
  it('builds and reads the page of a guest link', () => {
    expect(paths.guest('abc_DEF-1')).toBe('/guest/abc_DEF-1');
    expect(guestTokenOf(paths.guest('a/b'))).toBe('a/b');
    expect(guestTokenOf('/guest')).toBeUndefined();
    expect(guestTokenOf('/guest/x/y')).toBeUndefined();
    expect(guestTokenOf('/rooms/x')).toBeUndefined();
  });
});

describe('document paths', () => {
  it('reads the room and the documents view below it', () => {
    expect(roomIdOf(paths.documents('r1'))).toBe('r1');
    expect(documentsViewOf(paths.documents('r1'))).toEqual({ kind: 'folder', folderId: null });
    expect(documentsViewOf(paths.documentsFolder('r1', 'f 2'))).toEqual({ kind: 'folder', folderId: 'f 2' });
    expect(roomIdOf(paths.documentsFolder('r1', 'f2'))).toBe('r1');
    expect(documentsViewOf(paths.documentsTrash('r1'))).toEqual({ kind: 'trash' });
    expect(documentsViewOf(paths.document('r1', 'e/3'))).toEqual({ kind: 'entry', entryId: 'e/3' });
    expect(roomIdOf(paths.document('r1', 'e3'))).toBe('r1');
  });

  it('finds no documents view in the room itself or in other paths', () => {
    expect(documentsViewOf(paths.room('r1'))).toBeUndefined();
    expect(documentsViewOf('/rooms/r1/documents/folder')).toEqual({ kind: 'entry', entryId: 'folder' });
    expect(documentsViewOf('/rooms/r1/documents/a/b')).toBeUndefined();
    expect(roomIdOf('/rooms/r1/documents/a/b')).toBeUndefined();
    expect(documentsViewOf('/admin/documents')).toBeUndefined();
  });
});
