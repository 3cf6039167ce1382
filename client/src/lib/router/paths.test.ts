import { describe, expect, it } from 'vitest';
import { paths, roomIdOf } from './paths';

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
