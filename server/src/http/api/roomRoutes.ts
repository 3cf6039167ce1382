import {
  roomChangesIn,
  roomDrift,
  roomIn,
  roomList,
  roomOut,
  roomMemberIn,
  roomMemberList,
  roomMemberParams,
  roomParams,
  tenantParams,
} from '@arbeitsbereich/contract';
import type { CommandContext } from '../../commands/context.js';
import { roomResource } from '../../commands/rooms/loadRoom.js';
import {
  archiveRoom,
  createRoom,
  joinRoom,
  putRoomMember,
  removeRoomMember,
  updateRoom,
} from '../../commands/rooms/roomCommands.js';
import { getRoom, listRoomMembers, listRooms, type RoomView } from '../../commands/rooms/roomQueries.js';
import { reconcileRoomFor, type ReconcileDeps } from '../../commands/rooms/roomReconciler.js';
import { tenantRoles, type Actor, type TenantRole } from '../../domain/actor.js';
import { abilities, allow, type Resource } from '../../domain/policies/policy.js';
import type { RoomRole } from '../../domain/room.js';
import { assignableRoomRoles } from '../../domain/roomCapabilities.js';
import type { Tenant } from '../../domain/tenant.js';
import { route, type ApiInput } from './apiRoute.js';
import { contextOf } from './commandContext.js';
import { iso, syncOf, tenantAbilities } from './presenters.js';

/** Whether the actor manages the room's members, and its owners. */
const managing = (actor: Actor, room: Resource) => ({
  manageMembers: allow(actor, 'room.manageMembers', room),
  manageOwners: allow(actor, 'room.manageOwners', room),
});

/** The room roles the actor may give a person of each tenant role who is not a member yet. */
function newMemberRoles(actor: Actor, room: Resource): Record<TenantRole, RoomRole[]> {
  const viewer = managing(actor, room);
  return Object.fromEntries(
    tenantRoles.map((tenantRole) => [
      tenantRole,
      assignableRoomRoles({ ...viewer, tenantRole, current: null, otherOwners: 0 }),
    ]),
  ) as Record<TenantRole, RoomRole[]>;
}

function presentRoom(actor: Actor, tenant: Tenant, v: RoomView) {
  const resource = roomResource(tenant, v.room, v.myRole);
  return {
    id: v.room.id,
    tenantId: v.room.tenantId,
    name: v.room.name,
    topic: v.room.topic,
    visibility: v.room.visibility,
    encrypted: true as const,
    status: v.room.status,
    sync: syncOf(v.room),
    matrixRoomId: v.matrixRoomId,
    myRole: v.myRole,
    createdAt: iso(v.room.createdAt),
    abilities: abilities(actor, resource),
    newMemberRoles: newMemberRoles(actor, resource),
  };
}

export function roomRoutes(deps: ReconcileDeps) {
  const { store } = deps;
  const roomBody = async (ctx: CommandContext, tenantId: string, roomId: string) => {
    const view = await getRoom(store, ctx, tenantId, roomId);
    return presentRoom(ctx.actor, view.tenant, view);
  };
  /** Does `change` to the room the request names, then answers with the room as it is now. */
  const changeRoom = async (
    input: ApiInput<{ tenantId: string; roomId: string }, unknown, unknown>,
    change: (ctx: CommandContext, tenantId: string, roomId: string) => Promise<unknown>,
  ) => {
    const ctx = contextOf(input);
    await change(ctx, input.params.tenantId, input.params.roomId);
    return { body: await roomBody(ctx, input.params.tenantId, input.params.roomId) };
  };
  return [
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms',
      operationId: 'listRooms',
      summary: 'Rooms of the tenant the caller may see',
      tag: 'rooms',
      params: tenantParams,
      responses: {
        200: {
          description: 'Rooms, and whether the caller may create one',
          schema: roomList,
        },
      },
      handler: async (input) => {
        const { tenant, rooms } = await listRooms(store, contextOf(input), input.params.tenantId);
        return {
          body: {
            rooms: rooms.map((v) => presentRoom(input.actor, tenant, v)),
            abilities: tenantAbilities(input.actor, tenant),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms',
      operationId: 'createRoom',
      summary: 'Create an encrypted room; the creator is its owner',
      tag: 'rooms',
      params: tenantParams,
      body: roomIn,
      adminWrite: true,
      responses: {
        201: { description: 'Created; sync.state is pending until the Matrix room exists', schema: roomOut },
        422: { description: 'The caller is not a person of the tenant' },
      },
      handler: async (input) => {
        const ctx = contextOf(input);
        const roomId = await createRoom(store, ctx, input.params.tenantId, input.body);
        return { status: 201, body: await roomBody(ctx, input.params.tenantId, roomId) };
      },
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms/:roomId',
      operationId: 'getRoom',
      summary: 'One room',
      tag: 'rooms',
      params: roomParams,
      responses: { 200: { description: 'The room', schema: roomOut } },
      handler: async (input) => ({
        body: await roomBody(contextOf(input), input.params.tenantId, input.params.roomId),
      }),
    }),
    route({
      method: 'patch',
      path: '/tenants/:tenantId/rooms/:roomId',
      operationId: 'updateRoom',
      summary: 'Rename a room, set its topic or visibility',
      tag: 'rooms',
      params: roomParams,
      body: roomChangesIn,
      adminWrite: true,
      responses: { 200: { description: 'Changed', schema: roomOut } },
      handler: (input) =>
        changeRoom(input, (ctx, tenantId, roomId) => updateRoom(store, ctx, tenantId, roomId, input.body)),
    }),
    route({
      method: 'delete',
      path: '/tenants/:tenantId/rooms/:roomId',
      operationId: 'archiveRoom',
      summary: 'Archive a room: read-only, nobody remains in the Matrix room; the record stays',
      tag: 'rooms',
      params: roomParams,
      adminWrite: true,
      responses: { 200: { description: 'Archived', schema: roomOut } },
      handler: (input) => changeRoom(input, (ctx, tenantId, roomId) => archiveRoom(store, ctx, tenantId, roomId)),
    }),
    route({
      method: 'get',
      path: '/tenants/:tenantId/rooms/:roomId/members',
      operationId: 'listRoomMembers',
      summary: 'Members of a room and their roles',
      tag: 'rooms',
      params: roomParams,
      responses: { 200: { description: 'Members', schema: roomMemberList } },
      handler: async (input) => {
        const { tenant, room, myRole, members } = await listRoomMembers(
          store,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
        );
        const viewer = managing(input.actor, roomResource(tenant, room, myRole));
        const owners = members.filter((m) => m.role === 'owner').map((m) => m.personId);
        return {
          body: {
            members: members.map((m) => ({
              personId: m.personId,
              displayName: `${m.person.firstName} ${m.person.lastName}`,
              username: m.person.username,
              role: m.role,
              personStatus: m.person.status,
              assignableRoles: assignableRoomRoles({
                ...viewer,
                tenantRole: m.person.role,
                current: m.role,
                otherOwners: owners.filter((id) => id !== m.personId).length,
              }),
            })),
          },
        };
      },
    }),
    route({
      method: 'put',
      path: '/tenants/:tenantId/rooms/:roomId/members/:personId',
      operationId: 'putRoomMember',
      summary: 'Add a person of the tenant to the room, or change their room role',
      tag: 'rooms',
      params: roomMemberParams,
      body: roomMemberIn,
      adminWrite: true,
      responses: {
        204: { description: 'Done; Matrix follows through the outbox' },
        409: { description: 'The person is deactivated, or the room would be left without an owner' },
        422: { description: 'A guest of the tenant can only be a guest of the room' },
      },
      handler: async (input) => {
        await putRoomMember(
          store,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
          input.params.personId,
          input.body.role,
        );
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/tenants/:tenantId/rooms/:roomId/members/:personId',
      operationId: 'removeRoomMember',
      summary: 'Remove a member (or leave, for one’s own membership)',
      tag: 'rooms',
      params: roomMemberParams,
      adminWrite: true,
      responses: {
        204: { description: 'Done; Matrix follows through the outbox' },
        409: { description: 'The room would be left without an owner' },
      },
      handler: async (input) => {
        await removeRoomMember(
          store,
          contextOf(input),
          input.params.tenantId,
          input.params.roomId,
          input.params.personId,
        );
        return { status: 204 };
      },
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/join',
      operationId: 'joinRoom',
      summary: 'Join a room that is open to the tenant',
      tag: 'rooms',
      params: roomParams,
      responses: { 200: { description: 'Joined', schema: roomOut } },
      handler: (input) => changeRoom(input, (ctx, tenantId, roomId) => joinRoom(store, ctx, tenantId, roomId)),
    }),
    route({
      method: 'post',
      path: '/tenants/:tenantId/rooms/:roomId/reconcile',
      operationId: 'reconcileRoom',
      summary: 'Compare the Matrix room with the desired state now and repair drift (audited)',
      tag: 'rooms',
      params: roomParams,
      adminWrite: true,
      responses: {
        200: {
          description: 'The drift found and repaired (empty lists: none)',
          schema: roomDrift,
        },
      },
      handler: async (input) => {
        const drift = await reconcileRoomFor(deps, contextOf(input), input.params.tenantId, input.params.roomId);
        return { body: { drift: drift ? { ...drift } : null } };
      },
    }),
  ];
}
