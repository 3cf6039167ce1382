import { getJson, sendJson, withSignal } from './http';
import { type Abilities, abilities, invalidShape, list, oneOf, record, text, textOrNull } from './shape';
import { TENANT_ROLES, type TenantRole } from './session';
import { parseSync, type SyncInfo } from './sync';
import { tenantPath } from './tenants';

/** Room roles, from the most to the least rights: Inhaber*in, Moderator*in, Mitglied, Gast. */
export const ROOM_ROLES = ['owner', 'moderator', 'member', 'guest'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/** Who can find and join a room: everyone of the tenant, or only those added to it. */
export const ROOM_VISIBILITIES = ['tenant', 'private'] as const;
export type RoomVisibility = (typeof ROOM_VISIBILITIES)[number];

export const ROOM_STATUSES = ['active', 'archived'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface Room {
  id: string;
  tenantId: string;
  name: string;
  topic: string;
  visibility: RoomVisibility;
  /** Rooms are always end-to-end encrypted. */
  encrypted: true;
  status: RoomStatus;
  /** Whether the Matrix room follows the desired state yet. */
  sync: SyncInfo;
  matrixRoomId: string | null;
  /** The signed-in person's role in the room, or null if they are not a member. */
  myRole: RoomRole | null;
  createdAt: string;
  /** room.read, room.join, room.leave, room.update, room.manageMembers, room.manageOwners, room.archive, chat.post, … */
  abilities: Abilities;
  /** The roles the signed-in person may give someone who joins, by that person's tenant role (none: may not add). */
  newMemberRoles: Readonly<Record<TenantRole, readonly RoomRole[]>>;
}

export interface RoomList {
  rooms: Room[];
  /** What the caller may do in this tenant: room.create, … */
  abilities: Abilities;
}

export interface RoomMember {
  personId: string;
  displayName: string;
  username: string;
  role: RoomRole;
  personStatus: 'active' | 'deactivated';
  /** The roles the signed-in person may give this member; none, or only the current one: the role stays. */
  assignableRoles: readonly RoomRole[];
}

export interface NewRoom {
  name: string;
  topic?: string;
  visibility: RoomVisibility;
}

export type RoomChanges = Partial<NewRoom>;

export function parseRoom(value: unknown): Room {
  const r = record(value);
  // A room this client could not show as encrypted is an unexpected answer.
  if (r.encrypted !== true) throw invalidShape();
  return {
    id: text(r.id),
    tenantId: text(r.tenantId),
    name: text(r.name),
    topic: text(r.topic),
    visibility: oneOf(ROOM_VISIBILITIES, r.visibility),
    encrypted: true,
    status: oneOf(ROOM_STATUSES, r.status),
    sync: parseSync(r.sync),
    matrixRoomId: textOrNull(r.matrixRoomId),
    myRole: r.myRole === null || r.myRole === undefined ? null : oneOf(ROOM_ROLES, r.myRole),
    createdAt: text(r.createdAt),
    abilities: abilities(r.abilities),
    newMemberRoles: parseRolesByTenantRole(r.newMemberRoles),
  };
}

const parseRoles = (value: unknown): RoomRole[] => list(value, (role) => oneOf(ROOM_ROLES, role));

function parseRolesByTenantRole(value: unknown): Record<TenantRole, RoomRole[]> {
  const byRole = record(value);
  return Object.fromEntries(TENANT_ROLES.map((role) => [role, parseRoles(byRole[role])])) as Record<
    TenantRole,
    RoomRole[]
  >;
}

export function parseRoomList(value: unknown): RoomList {
  const b = record(value);
  return { rooms: list(b.rooms, parseRoom), abilities: abilities(b.abilities) };
}

export function parseRoomMember(value: unknown): RoomMember {
  const m = record(value);
  return {
    personId: text(m.personId),
    displayName: text(m.displayName),
    username: text(m.username),
    role: oneOf(ROOM_ROLES, m.role),
    personStatus: oneOf(['active', 'deactivated'], m.personStatus),
    assignableRoles: parseRoles(m.assignableRoles),
  };
}

const roomsPath = (tenantId: string): string => `${tenantPath(tenantId)}/rooms`;
const roomPath = (tenantId: string, roomId: string): string => `${roomsPath(tenantId)}/${encodeURIComponent(roomId)}`;
const memberPath = (tenantId: string, roomId: string, personId: string): string =>
  `${roomPath(tenantId, roomId)}/members/${encodeURIComponent(personId)}`;

/** GET …/rooms: the rooms of the tenant the caller may see, and whether they may create one. */
export async function listRooms(tenantId: string, signal?: AbortSignal): Promise<RoomList> {
  return parseRoomList((await getJson(roomsPath(tenantId), withSignal(signal))).body);
}

/** POST …/rooms: a new encrypted room; the creator is its owner. */
export async function createRoom(csrfToken: string, tenantId: string, room: NewRoom): Promise<Room> {
  return parseRoom((await sendJson('POST', roomsPath(tenantId), { csrfToken, body: room })).body);
}

export async function getRoom(tenantId: string, roomId: string, signal?: AbortSignal): Promise<Room> {
  return parseRoom((await getJson(roomPath(tenantId, roomId), withSignal(signal))).body);
}

/** PATCH …/rooms/:roomId: rename, set the topic or the visibility. */
export async function updateRoom(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  changes: RoomChanges,
): Promise<Room> {
  return parseRoom((await sendJson('PATCH', roomPath(tenantId, roomId), { csrfToken, body: changes })).body);
}

/** DELETE …/rooms/:roomId: archives the room (read-only; the record stays). */
export async function archiveRoom(csrfToken: string, tenantId: string, roomId: string): Promise<Room> {
  return parseRoom((await sendJson('DELETE', roomPath(tenantId, roomId), { csrfToken })).body);
}

export async function listRoomMembers(tenantId: string, roomId: string, signal?: AbortSignal): Promise<RoomMember[]> {
  const b = record((await getJson(`${roomPath(tenantId, roomId)}/members`, withSignal(signal))).body);
  return list(b.members, parseRoomMember);
}

/** PUT …/members/:personId: adds a person of the tenant to the room, or changes their role. */
export async function putRoomMember(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  personId: string,
  role: RoomRole,
): Promise<void> {
  await sendJson('PUT', memberPath(tenantId, roomId, personId), { csrfToken, body: { role } });
}

/** DELETE …/members/:personId: removes a member, or leaves the room for one's own membership. */
export async function removeRoomMember(
  csrfToken: string,
  tenantId: string,
  roomId: string,
  personId: string,
): Promise<void> {
  await sendJson('DELETE', memberPath(tenantId, roomId, personId), { csrfToken });
}

/** POST …/join: joins a room that is open to the tenant. */
export async function joinRoom(csrfToken: string, tenantId: string, roomId: string): Promise<Room> {
  return parseRoom((await sendJson('POST', `${roomPath(tenantId, roomId)}/join`, { csrfToken })).body);
}
