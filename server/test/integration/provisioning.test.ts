import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { KeycloakDirectory } from '../../src/adapters/keycloak/index.js';
import { MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import { deactivatePerson, reactivatePerson } from '../../src/commands/people/personCommands.js';
import { provisioningHandlers, spaceKey } from '../../src/commands/provisioning/provisioningHandlers.js';
import { systemActor } from '../../src/domain/actor.js';
import { createTenant } from '../../src/commands/tenants/tenantCreator.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import { createStore } from '../../src/db/store.js';
import type { Store } from '../../src/domain/ports/store.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { stackEnv } from '../support/stackEnv.js';
import { TcpProxy } from '../support/tcpProxy.js';

// Tenant provisioning against the real Keycloak and the real Synapse. Synapse
// sits behind a TCP relay so the test can take it away and bring it back.
describe('provisioning through the outbox', () => {
  let db: Db;
  let store: Store;
  let proxy: TcpProxy;
  let clock = Date.now();
  const keycloak = () =>
    new KeycloakDirectory({
      baseUrl: stackEnv('KEYCLOAK_URL'),
      realm: stackEnv('KEYCLOAK_REALM'),
      clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
      clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
    });
  const synapse = (homeserverUrl: string) =>
    new MatrixChatRooms({
      homeserverUrl,
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
      timeoutMs: 3000,
    });
  const identity = keycloak();
  const direct = () => synapse(stackEnv('MATRIX_HOMESERVER_URL'));

  const worker = (chatUrl: string) => {
    const provisioning = provisioningHandlers({ store, identity, chat: synapse(chatUrl), now: () => clock });
    return new OutboxWorker({
      queue: jobQueue(db),
      handlers: provisioning.handlers,
      onFailed: provisioning.onFailed,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      now: () => clock,
    });
  };

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    proxy = new TcpProxy(new URL(stackEnv('MATRIX_HOMESERVER_URL')));
    await proxy.up();
  });
  afterAll(async () => {
    await proxy.down();
    await db.destroy();
  });

  const suffix = randomBytes(3).toString('hex');
  const slug = `amt-${suffix}`;
  const ctx = () => ({ actor: systemActor, requestId: null, now: clock });

  it('keeps a tenant pending while Synapse is down and converges once it is back, creating nothing twice', async () => {
    await proxy.down();
    const { tenantId, adminId } = await createTenant(store, ctx(), {
      slug,
      name: `Amt ${suffix}`,
      emailDomains: [`${slug}.example`],
      firstAdmin: {
        email: `leitung@${slug}.example`,
        username: `leitung.${suffix}`,
        firstName: 'Lea',
        lastName: 'Leitung',
      },
    });
    const w = worker(proxy.url);

    clock = Date.now();
    await w.drain();
    let tenant = await store.read.tenants.findById(tenantId);
    expect(tenant?.sync).toBe('pending');
    expect(tenant?.syncError).toMatch(/connection refused/);
    expect((await store.read.people.findById(adminId))?.sync).toBe('pending');

    // Synapse comes back; retries are due after their backoff.
    await proxy.up();
    for (let i = 0; i < 5; i++) {
      clock += 10 * 60_000;
      await w.drain();
    }
    tenant = await store.read.tenants.findById(tenantId);
    expect(tenant).toMatchObject({ sync: 'done', syncError: null });
    const admin = await store.read.people.findById(adminId);
    expect(admin).toMatchObject({ sync: 'done', syncError: null });

    // Exactly one organization, one space, one account; the admin is in both.
    const org = await identity.findOrganizationByAlias(slug);
    expect(org).toBeDefined();
    const user = await identity.findUserByUsername(`leitung.${suffix}`);
    expect(user?.email).toBe(`leitung@${slug}.example`);
    expect(await identity.listOrganizationMemberIds(org!.id)).toEqual([user!.id]);
    const links = await store.read.tenants.links(tenantId);
    expect(await direct().findRoomByKey(spaceKey(tenantId))).toBe(links?.matrixSpaceId);
    const space = await direct().getRoomState(links!.matrixSpaceId!);
    const adminMxid = direct().userIdFor(`leitung.${suffix}`);
    expect(space.members).toContainEqual({ userId: adminMxid, membership: 'join' });

    const jobs = await db.selectFrom('outbox_jobs').select(['kind', 'status']).execute();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect(jobs.map((j) => j.kind).sort()).toEqual(['person.invite', 'person.provision', 'tenant.provision']);
  });

  it('deactivates a person everywhere and reactivates them', async () => {
    const tenant = await store.read.tenants.findBySlug(slug);
    const [admin] = await store.read.people.list(tenant!.id);
    const w = worker(stackEnv('MATRIX_HOMESERVER_URL'));
    const links = await store.read.people.links(admin!.id);

    await deactivatePerson(store, ctx(), tenant!.id, admin!.id);
    clock = Date.now();
    await w.drain();
    expect((await store.read.people.findById(admin!.id))?.sync).toBe('done');
    expect((await identity.findUserById(links!.subject!))?.enabled).toBe(false);
    const spaceId = (await store.read.tenants.links(tenant!.id))!.matrixSpaceId!;
    expect((await direct().getRoomState(spaceId)).members).toContainEqual({
      userId: links!.matrixUserId,
      membership: 'leave',
    });
    expect(await synapseAccount(links!.matrixUserId!)).toMatchObject({ deactivated: true });

    clock += 1000;
    await reactivatePerson(store, ctx(), tenant!.id, admin!.id);
    clock = Math.max(clock, Date.now());
    await w.drain();
    expect((await store.read.people.findById(admin!.id))?.sync).toBe('done');
    expect((await identity.findUserById(links!.subject!))?.enabled).toBe(true);
    expect(await synapseAccount(links!.matrixUserId!)).toMatchObject({ deactivated: false });
    expect((await direct().getRoomState(spaceId)).members).toContainEqual({
      userId: links!.matrixUserId,
      membership: 'join',
    });
  });
});

async function synapseAccount(userId: string): Promise<{ deactivated: boolean }> {
  const response = await fetch(
    `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v2/users/${encodeURIComponent(userId)}`,
    { headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}` } },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { deactivated: boolean };
}
