import type { SyncState } from './tenant.js';
import type { TenantRole } from './actor.js';

export const roomRoles = ['owner', 'moderator', 'member', 'guest'] as const;
export type RoomRole = (typeof roomRoles)[number];

/** Who can find and join a room: everyone of the tenant, or only those invited. */
export type RoomVisibility = 'tenant' | 'private';

export interface Room {
  id: string;
  tenantId: string;
  name: string;
  topic: string;
  visibility: RoomVisibility;
  /** Rooms are end-to-end encrypted; the homeserver offers no opt-out. */
  encrypted: true;
  status: 'active' | 'archived';
  sync: SyncState;
  syncError: string | null;
  createdAt: number;
  archivedAt: number | null;
}

export interface RoomMember {
  roomId: string;
  personId: string;
  role: RoomRole;
  addedAt: number;
}

/**
 * Matrix power levels of the room roles. Guests read: their level is below
 * what sending a message needs (0), so they cannot post.
 */
export const powerOf: Record<RoomRole, number> = { owner: 100, moderator: 50, member: 0, guest: -1 };

/**
 * The room roles a person of each tenant role may hold. A guest of the tenant
 * is at most a guest of a room: they read, they do not write or manage.
 */
export function roomRolesFor(tenantRole: TenantRole): readonly RoomRole[] {
  return tenantRole === 'guest' ? ['guest'] : roomRoles;
}

/**
 * The role a member holds in effect: their room role, lowered to what their
 * tenant role allows. Rooms store the lowered role when a person becomes a
 * guest of the tenant; this keeps a row written before that rule from lending
 * power (Matrix power levels, the policy) to a tenant guest.
 */
export function effectiveRoomRole(tenantRole: TenantRole, role: RoomRole): RoomRole {
  return roomRolesFor(tenantRole).includes(role) ? role : 'guest';
}
