import { describe, expect, it } from 'vitest';
import { guestTokenOf, paths, roomIdOf } from './paths';

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
