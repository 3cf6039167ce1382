import { describe, expect, it } from 'vitest';
import { effectiveRoomRole, roomRoles, roomRolesFor } from './room.js';

describe('room roles by tenant role', () => {
  it('lets a guest of the tenant hold only the guest role of a room', () => {
    expect(roomRolesFor('guest')).toEqual(['guest']);
    for (const role of roomRoles) expect(effectiveRoomRole('guest', role)).toBe('guest');
  });

  it('leaves members and tenant admins every room role', () => {
    for (const tenantRole of ['member', 'tenant-admin'] as const) {
      expect(roomRolesFor(tenantRole)).toEqual(roomRoles);
      for (const role of roomRoles) expect(effectiveRoomRole(tenantRole, role)).toBe(role);
    }
  });
});
