import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { json, provisionedTenantWithAdmin } from '../support/tenantsApi.js';

interface Received {
  event: string;
  payload: { type: string; tenantId: string; roomId?: string };
}

function connect(
  session: SignedIn | undefined,
  options: { origin?: string; transport?: 'websocket' | 'polling' } = {},
): Promise<{ socket: Socket; received: Received[] }> {
  const headers: Record<string, string> = {
    ...(session ? { Cookie: session.cookie } : {}),
    ...(options.origin ? { Origin: options.origin } : {}),
  };
  const socket = io(stackEnv('WORKSPACE_URL'), {
    path: '/socket.io',
    transports: [options.transport ?? 'websocket'],
    reconnection: false,
    extraHeaders: headers,
  });
  const received: Received[] = [];
  socket.onAny((event: string, payload: Received['payload']) => received.push({ event, payload }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received }));
    socket.once('connect_error', (error) => reject(error));
  });
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

// Live updates over socket.io against the running backend: who hears what.
describe('live updates', () => {
  const s = {} as Record<'admin' | 'member' | 'guest' | 'otherAdmin', SignedIn>;
  const sockets = {} as Record<keyof typeof s, { socket: Socket; received: Received[] }>;
  let tenantA: string;

  beforeAll(async () => {
    s.admin = await signInDemo('amelie.admin');
    s.member = await signInDemo('bernd.beispiel');
    s.guest = await signInDemo('gabi.gast');
    const platform = await signInDemo('paula.plattform');
    s.otherAdmin = (await provisionedTenantWithAdmin(platform, `rt-${randomBytes(3).toString('hex')}`)).admin;
    tenantA = s.admin.actor.tenantId!;
    for (const key of Object.keys(s) as (keyof typeof s)[]) sockets[key] = await connect(s[key]);
  }, 120_000);
  afterAll(() => {
    for (const { socket } of Object.values(sockets)) socket.disconnect();
  });

  const clear = () => {
    for (const { received } of Object.values(sockets)) received.length = 0;
  };

  it('refuses a socket without a session', async () => {
    await expect(connect(undefined)).rejects.toThrow('unauthorized');
  });

  it('refuses a socket opened from a foreign origin, even with a valid session', async () => {
    const own = new URL(stackEnv('PUBLIC_URL')).origin;
    for (const transport of ['websocket', 'polling'] as const) {
      for (const origin of ['https://evil.example', own.replace('localhost', '127.0.0.1'), 'null']) {
        await expect(connect(s.member, { origin, transport })).rejects.toThrow();
      }
      const allowed = await connect(s.member, { origin: own, transport });
      expect(allowed.socket.connected).toBe(true);
      allowed.socket.disconnect();
    }
  });

  it('tells a person added to a private room, and nobody else outside it', async () => {
    clear();
    const room = await json<{ id: string }>(
      await fetchAs(s.admin, `/api/tenants/${tenantA}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Vertraulich' }),
      }),
      201,
    );
    const added = await fetchAs(s.admin, `/api/tenants/${tenantA}/rooms/${room.id}/members/${s.member.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status).toBe(204);
    await settle();
    expect(sockets.member.received).toContainEqual({
      event: 'rooms.changed',
      payload: { type: 'rooms.changed', tenantId: tenantA, roomId: room.id },
    });
    expect(sockets.admin.received.some((r) => r.payload.roomId === room.id)).toBe(true);
    expect(sockets.guest.received).toEqual([]);
    expect(sockets.otherAdmin.received).toEqual([]);
  });

  it('tells the tenant (but not its guests, nor other tenants) about a room open to everyone', async () => {
    clear();
    const room = await json<{ id: string }>(
      await fetchAs(s.admin, `/api/tenants/${tenantA}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Kantine', visibility: 'tenant' }),
      }),
      201,
    );
    await settle();
    expect(sockets.member.received.map((r) => r.payload.roomId)).toContain(room.id);
    expect(sockets.guest.received).toEqual([]);
    expect(sockets.otherAdmin.received).toEqual([]);
  });

  it('gives a client no way to subscribe to another tenant', async () => {
    clear();
    const intruder = sockets.otherAdmin.socket;
    for (const name of ['join', 'subscribe', 'rooms.subscribe']) intruder.emit(name, `tenant:${tenantA}`);
    await settle();
    await fetchAs(s.admin, `/api/tenants/${tenantA}/rooms`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Noch ein offener Raum', visibility: 'tenant' }),
    });
    await settle();
    expect(sockets.member.received.length).toBeGreaterThan(0);
    expect(sockets.otherAdmin.received).toEqual([]);
  });
});
