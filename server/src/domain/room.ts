import type { SyncState } from './tenant.js';

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
