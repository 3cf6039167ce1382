import { z } from 'zod';
import { abilities } from './abilities.js';
import { id, sync } from './common.js';
import { archiveStatus, personStatus, roomRole, roomVisibility, tenantRoles } from './enums.js';

export const roomOut = z
  .object({
    id,
    tenantId: id,
    name: z.string(),
    topic: z.string(),
    visibility: roomVisibility,
    /** Rooms are always end-to-end encrypted; a room this client could not show as such is a wrong answer. */
    encrypted: z.literal(true),
    status: archiveStatus,
    sync,
    matrixRoomId: z.string().nullable().describe('The Matrix room, once created'),
    myRole: roomRole.nullable(),
    createdAt: z.string(),
    abilities,
    newMemberRoles: z
      .record(z.enum(tenantRoles), z.array(roomRole))
      .describe('The room roles the caller may give a person who joins, by that person’s tenant role'),
  })
  .meta({ id: 'Room' });
export type Room = z.output<typeof roomOut>;

export const roomList = z.object({ rooms: z.array(roomOut), abilities });
export type RoomList = z.output<typeof roomList>;

export const roomMemberOut = z
  .object({
    personId: id,
    displayName: z.string(),
    username: z.string(),
    role: roomRole,
    personStatus,
    assignableRoles: z
      .array(roomRole)
      .describe('The room roles the caller may give this member (none, or only the current one: no change)'),
  })
  .meta({ id: 'RoomMember' });
export type RoomMember = z.output<typeof roomMemberOut>;

export const roomMemberList = z.object({ members: z.array(roomMemberOut) });

export const roomIn = z
  .object({
    name: z.string().trim().min(1).max(200),
    topic: z.string().trim().max(1000).optional(),
    visibility: roomVisibility.default('private'),
  })
  .strict();
export type NewRoom = z.input<typeof roomIn>;

export const roomChangesIn = roomIn.partial().strict();
export type RoomChanges = z.input<typeof roomChangesIn>;

export const roomParams = z.object({ tenantId: id, roomId: id });
export const roomMemberParams = z.object({ tenantId: id, roomId: id, personId: id });
export const roomMemberIn = z.object({ role: roomRole }).strict();

export const roomDrift = z.object({ drift: z.record(z.string(), z.unknown()).nullable() });
