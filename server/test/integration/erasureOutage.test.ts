import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixChatRecords, MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import { ZipArchiveWriter } from '../../src/adapters/zip/index.js';
import { createPerson } from '../../src/commands/people/personCommands.js';
import { requestErasure } from '../../src/commands/privacy/erasure.js';
import { privacyHandlers } from '../../src/commands/privacy/privacyHandlers.js';
import { provisioningHandlers } from '../../src/commands/provisioning/provisioningHandlers.js';
import { createTenant } from '../../src/commands/tenants/tenantCreator.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import { createStore } from '../../src/db/store.js';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { FileStorage } from '../../src/domain/ports/files.js';
import type { Store } from '../../src/domain/ports/store.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { synapseAccount } from '../support/matrixAdmin.js';
import { KeycloakTestAdmin } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { stackKeycloak } from '../support/stackWorker.js';
import { TcpProxy } from '../support/tcpProxy.js';

// An erasure while the homeserver is down (ADR 0053): the real Keycloak and Synapse, Synapse behind a
// TCP relay the test takes away. The erasure waits in the outbox; the workspace's records, the audit
// log and the report stay as they were until Synapse is back, then all of it follows at once.
describe('an erasure during a homeserver outage', () => {
  let db: Db;
  let store: Store;
  let proxy: TcpProxy;
  let clock = Date.now();
  const suffix = randomBytes(3).toString('hex');
  const slug = `ausfall-${suffix}`;
  const noFiles: FileStorage = {
    put: () => Promise.reject(new Error('no storage in this test')),
    get: () => Promise.resolve(undefined),
    delete: () => Promise.resolve(),
    list: () => Readable.from([]),
  };

  const worker = () => {
    const identity = stackKeycloak();
    const matrix = {
      homeserverUrl: proxy.url,
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
      timeoutMs: 3000,
    };
    const chat = new MatrixChatRooms({
      ...matrix,
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
    });
    const provisioning = provisioningHandlers({ store, identity, chat, now: () => clock });
    const privacy = privacyHandlers({
      store,
      files: noFiles,
      archive: new ZipArchiveWriter(),
      identity,
      chat,
      chatRecords: new MatrixChatRecords(matrix),
      now: () => clock,
    });
    return new OutboxWorker({
      queue: jobQueue(db),
      handlers: { ...provisioning.handlers, ...privacy.handlers },
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

  it('waits for Synapse, changes no record before, and then erases everywhere with its report', async () => {
    const { tenantId, adminId } = await createTenant(
      store,
      { actor: systemActor, requestId: null, now: clock },
      {
        slug,
        name: `Ausfallamt ${suffix}`,
        emailDomains: [`${slug}.example`],
        firstAdmin: {
          email: `leitung@${slug}.example`,
          username: `leitung.${suffix}`,
          firstName: 'Lea',
          lastName: 'Leitung',
        },
      },
    );
    const admin: Actor = {
      userId: adminId,
      subject: 'leitung',
      username: `leitung.${suffix}`,
      displayName: 'Lea Leitung',
      tenantId,
      tenantRole: 'tenant-admin',
      platformAdmin: false,
    };
    const ctx = () => ({ actor: admin, requestId: null, now: clock });
    const personId = await createPerson(store, ctx(), tenantId, {
      email: `olga@${slug}.example`,
      username: `olga.${suffix}`,
      firstName: 'Olga',
      lastName: 'Offline',
      role: 'member',
    });
    const w = worker();
    for (let i = 0; i < 20 && (await store.read.people.findById(personId))?.sync !== 'done'; i++) {
      clock += 60_000;
      await w.drain();
    }
    const links = await store.read.people.links(personId);
    expect(links?.subject).toBeTruthy();
    expect(links?.matrixUserId).toBeTruthy();

    await proxy.down();
    const erasure = await requestErasure(store, ctx(), tenantId, personId, 'Olga Offline');
    for (let i = 0; i < 3; i++) {
      clock += 10 * 60_000;
      await w.drain();
    }
    // Synapse is away: nothing of the workspace's own records has changed, and there is no report.
    expect(await store.read.privacy.findErasure(erasure.id)).toMatchObject({ state: 'pending', report: null });
    expect(await store.read.people.findById(personId)).toMatchObject({ email: `olga@${slug}.example` });
    const audit = await store.read.privacy.auditAbout([personId], 100);
    expect(audit.every((e) => e.targetId === personId)).toBe(true);
    expect(await synapseAccount(links!.matrixUserId!)).toMatchObject({ erased: false });

    await proxy.up();
    for (let i = 0; i < 12 && (await store.read.privacy.findErasure(erasure.id))?.state !== 'done'; i++) {
      clock += 10 * 60_000;
      await w.drain();
    }
    const done = await store.read.privacy.findErasure(erasure.id);
    expect(done?.state).toBe('done');
    expect(done?.report?.parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ part: 'keycloak', count: 1 }),
        expect.objectContaining({ part: 'synapse', count: 1 }),
      ]),
    );
    expect(await synapseAccount(links!.matrixUserId!)).toMatchObject({ deactivated: true, erased: true });
    await expect(new KeycloakTestAdmin().call('GET', `/users/${links!.subject!}`)).rejects.toThrow(/HTTP 404/);
    expect(await store.read.people.findById(personId)).toMatchObject({ username: done!.pseudonym, subject: null });
    const after = await store.read.privacy.auditAbout([done!.pseudonym], 100);
    expect(after.map((e) => e.action)).toEqual(expect.arrayContaining(['person.create', 'person.erase']));
  });
});
