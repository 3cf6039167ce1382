import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../db/database.js';
import { createStore } from '../../db/store.js';
import type { Actor } from '../../domain/actor.js';
import type { ChatDevice, ChatDevices } from '../../domain/ports/chatDevices.js';
import type { Store } from '../../domain/ports/store.js';
import { fixedWindowLimiter } from '../rateLimit.js';
import { apiRouter } from './apiRouter.js';
import { chatDeviceRoutes } from './chatDeviceRoutes.js';

/** The homeserver's devices of each account, as the admin API would list them. */
class FakeDevices implements ChatDevices {
  readonly accounts = new Map<string, Map<string, ChatDevice>>();
  readonly removed: string[] = [];

  add(userId: string, deviceId: string): void {
    const devices = this.accounts.get(userId) ?? new Map<string, ChatDevice>();
    devices.set(deviceId, { deviceId, displayName: `Gerät ${deviceId}`, lastSeenAt: null });
    this.accounts.set(userId, devices);
  }

  findDevice(userId: string, deviceId: string): Promise<ChatDevice | undefined> {
    return Promise.resolve(this.accounts.get(userId)?.get(deviceId));
  }

  removeDevice(userId: string, deviceId: string): Promise<void> {
    this.accounts.get(userId)?.delete(deviceId);
    this.removed.push(`${userId}/${deviceId}`);
    return Promise.resolve();
  }
}

const now = Date.UTC(2026, 11, 4);

describe('DELETE /api/tenants/:tenantId/people/:personId/chat-devices/:deviceId', () => {
  let db: Db;
  let store: Store;
  let devices: FakeDevices;
  let base: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let as: Actor | undefined;
  const tenant = randomUUID();
  const otherTenant = randomUUID();
  const anna = randomUUID();
  const ben = randomUUID();
  const carla = randomUUID();

  const actor = (userId: string, tenantId: string, extra: Partial<Actor> = {}): Actor => ({
    userId,
    subject: `kc-${userId}`,
    username: userId.slice(0, 8),
    displayName: `Person ${userId.slice(0, 4)}`,
    tenantId,
    tenantRole: 'member',
    platformAdmin: false,
    ...extra,
  });

  const remove = (personId: string, deviceId: string, tenantId = tenant) =>
    fetch(`${base}/api/tenants/${tenantId}/people/${personId}/chat-devices/${encodeURIComponent(deviceId)}`, {
      method: 'DELETE',
    });

  const audit = () => store.read.audit.query({ action: 'person.removeChatDevice', limit: 50 });

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    await store.transaction(async (tx) => {
      await tx.tenants.insert({ id: tenant, slug: 'amt', name: 'Amt', emailDomains: ['amt.example'] }, now);
      await tx.tenants.insert({ id: otherTenant, slug: 'nachbar', name: 'Nachbar', emailDomains: ['n.example'] }, now);
      for (const [id, tenantId, username] of [
        [anna, tenant, 'anna'],
        [ben, tenant, 'ben'],
        [carla, otherTenant, 'carla'],
      ] as const) {
        await tx.people.insert(
          {
            id,
            tenantId,
            username,
            email: `${username}@amt.example`,
            firstName: username,
            lastName: 'X',
            role: 'member',
          },
          now,
        );
        await tx.people.setLinks(id, { matrixUserId: `@${username}:amt.example` }, now);
      }
    });
    devices = new FakeDevices();
    const app = express();
    app.use((_req, res, next) => {
      res.locals.actor = as;
      next();
    });
    app.use('/api', apiRouter(chatDeviceRoutes({ store, devices }), fixedWindowLimiter(1000, 60_000)));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  });

  it('signs out the caller’s own device and records it in the audit log', async () => {
    devices.add('@anna:amt.example', 'ANNAPHONE');
    devices.add('@anna:amt.example', 'ANNALAPTOP');
    as = actor(anna, tenant);
    const response = await remove(anna, 'ANNAPHONE');
    expect(response.status).toBe(204);
    expect(devices.removed).toEqual(['@anna:amt.example/ANNAPHONE']);
    expect([...(devices.accounts.get('@anna:amt.example')?.keys() ?? [])]).toEqual(['ANNALAPTOP']);
    const entries = await audit();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: anna,
      tenantId: tenant,
      targetType: 'chat-device',
      targetId: 'ANNAPHONE',
      outcome: 'success',
      details: { username: 'anna', deviceName: 'Gerät ANNAPHONE' },
    });
  });

  it('does not find another person’s device under the caller’s own account', async () => {
    devices.add('@ben:amt.example', 'BENPHONE');
    as = actor(anna, tenant);
    const response = await remove(anna, 'BENPHONE');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(devices.accounts.get('@ben:amt.example')?.has('BENPHONE')).toBe(true);
  });

  it('refuses a colleague’s device, even to a tenant admin, and audits the refusal', async () => {
    devices.add('@ben:amt.example', 'BENLAPTOP');
    for (const caller of [actor(anna, tenant), actor(anna, tenant, { tenantRole: 'tenant-admin' })]) {
      as = caller;
      const response = await remove(ben, 'BENLAPTOP');
      expect(response.status).toBe(403);
      expect(((await response.json()) as { status: number }).status).toBe(403);
    }
    expect(devices.accounts.get('@ben:amt.example')?.has('BENLAPTOP')).toBe(true);
    const denied = (await audit()).filter((e) => e.outcome === 'denied');
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ actorId: anna, targetType: 'person', targetId: ben });
  });

  it('refuses a platform admin too, and hides another tenant’s people', async () => {
    devices.add('@carla:amt.example', 'CARLAPHONE');
    as = actor(randomUUID(), tenant, { platformAdmin: true, tenantRole: null });
    expect((await remove(ben, 'BENLAPTOP')).status).toBe(403);
    as = actor(anna, tenant);
    expect((await remove(carla, 'CARLAPHONE', otherTenant)).status).toBe(404);
    expect(devices.accounts.get('@carla:amt.example')?.has('CARLAPHONE')).toBe(true);
  });

  it('validates the device id and asks for a session', async () => {
    as = actor(anna, tenant);
    const bad = await remove(anna, 'ANNA LAPTOP/..');
    expect(bad.status).toBe(400);
    as = undefined;
    expect((await remove(anna, 'ANNALAPTOP')).status).toBe(401);
    expect(devices.accounts.get('@anna:amt.example')?.has('ANNALAPTOP')).toBe(true);
  });
});
