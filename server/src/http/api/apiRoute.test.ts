import { roomList, roomOut, tenantParams, type Room } from '@arbeitsbereich/contract';
import { describe, expect, it } from 'vitest';
import { route, type ApiRoute } from './apiRoute.js';

// The checks of this file are type checks: `npm run typecheck` compiles it, and each expected
// error below fails the type check if the route it marks is accepted.

const room: Room = {
  id: '6f1c2a9e-0d3b-4c55-9a61-2b7e8f0d4c11',
  tenantId: '6f1c2a9e-0d3b-4c55-9a61-2b7e8f0d4c12',
  name: 'Haushalt',
  topic: '',
  visibility: 'private',
  encrypted: true,
  status: 'active',
  sync: { state: 'done', error: null },
  matrixRoomId: null,
  myRole: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
  abilities: { 'room.read': true },
  newMemberRoles: { 'tenant-admin': [], member: [], guest: [] },
};

const spec = { method: 'get', path: '/tenants/:tenantId/rooms/x', operationId: 'x', summary: 'x', tag: 'x' } as const;
const presentWithSecret = () => ({ ...room, secret: 'the presenter leaks this' });
const presentWithoutName = () => {
  const { name: _name, ...rest } = room;
  return rest;
};

const routes: ApiRoute[] = [
  route({
    ...spec,
    params: tenantParams,
    responses: { 200: { description: 'The room', schema: roomOut }, 204: { description: 'Nothing' } },
    handler: async (input) => (input.params.tenantId === room.tenantId ? { body: room } : { status: 204 }),
  }),
  // @ts-expect-error a field the response schema lacks
  route({
    ...spec,
    responses: { 200: { description: 'The room', schema: roomOut } },
    handler: async () => ({ body: presentWithSecret() }),
  }),
  route({
    ...spec,
    responses: { 200: { description: 'The room', schema: roomOut } },
    // @ts-expect-error a field the response schema has is missing
    handler: async () => ({ body: presentWithoutName() }),
  }),
  // @ts-expect-error an extra field deep inside a list
  route({
    ...spec,
    responses: { 200: { description: 'Rooms', schema: roomList } },
    handler: async () => ({ body: { rooms: [presentWithSecret()], abilities: {} } }),
  }),
  route({
    ...spec,
    responses: { 201: { description: 'Created', schema: roomOut } },
    // @ts-expect-error a status the route does not list
    handler: async () => ({ status: 202, body: room }),
  }),
  route({
    ...spec,
    responses: { 204: { description: 'Done' } },
    // @ts-expect-error a body where the route promises none
    handler: async () => ({ status: 204, body: room }),
  }),
];

describe('route()', () => {
  it('keeps what the OpenAPI document is made of', () => {
    expect(routes.map((r) => Object.keys(r.responses))).toEqual([
      ['200', '204'],
      ['200'],
      ['200'],
      ['200'],
      ['201'],
      ['204'],
    ]);
  });
});
