import {
  roomList,
  roomMemberList,
  roomMemberOut,
  roomOut,
  type NewRoom,
  type Room,
  type RoomChanges,
  type RoomList,
  type RoomMember,
  type RoomRole,
} from '@arbeitsbereich/contract';
import { getJson, sendJson, withSignal } from './http';
import { parseWith } from './parse';
import { tenantPath } from './tenants';

export const parseRoom = (value: unknown): Room => parseWith(roomOut, value);
export const parseRoomList = (value: unknown): RoomList => parseWith(roomList, value);
export const parseRoomMember = (value: unknown): RoomMember => parseWith(roomMemberOut, value);

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
  const { body } = await getJson(`${roomPath(tenantId, roomId)}/members`, withSignal(signal));
  return parseWith(roomMemberList, body).members;
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
