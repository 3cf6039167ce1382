import { IcalCalendarFiles } from '../../src/adapters/calendar/index.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import { createPerson, resendInvitation } from '../../src/commands/people/personCommands.js';
import { provisioningHandlers } from '../../src/commands/provisioning/provisioningHandlers.js';
import { createTenant } from '../../src/commands/tenants/tenantCreator.js';
import { systemActor } from '../../src/domain/actor.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import { createStore } from '../../src/db/store.js';
import type { Store } from '../../src/domain/ports/store.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { mailNoticeHandlers } from '../../src/commands/notices/mailNotices.js';
import { jobKinds } from '../../src/domain/jobs/catalog.js';
import { invitationLink, messagesTo, waitForMail } from '../support/mailbox.js';
import { stackEnv } from '../support/stackEnv.js';
import { TcpProxy } from '../support/tcpProxy.js';
import { stackKeycloak, stackMail } from '../support/stackWorker.js';

// Invitations against the real Keycloak and the stack's real mail server (Mailpit, whose SMTP settings
// the stack's backend wrote into the realm). Keycloak sits behind a TCP relay so the test can take it
// away: the invitation waits in the outbox and goes out, once, when Keycloak is back.
describe('invitations through the outbox', () => {
  let db: Db;
  let store: Store;
  let proxy: TcpProxy;
  let clock = Date.now();
  const suffix = randomBytes(3).toString('hex');
  const slug = `einl-${suffix}`;
  const adminEmail = `leitung@${slug}.example`;
  const memberEmail = `mitglied@${slug}.example`;
  const ctx = () => ({ actor: systemActor, requestId: null, now: clock });

  const worker = () => {
    const identity = stackKeycloak(proxy.url);
    const chat = new MatrixChatRooms({
      homeserverUrl: stackEnv('MATRIX_HOMESERVER_URL'),
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
    });
    const provisioning = provisioningHandlers({ store, identity, chat, now: () => clock });
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
    proxy = new TcpProxy(new URL(stackEnv('KEYCLOAK_URL')));
    await proxy.up();
  });
  afterAll(async () => {
    await proxy.down();
    await db.destroy();
  });

  it('waits while Keycloak is down and sends each invitation once, in the person’s language, when it is back', async () => {
    await proxy.down();
    const createdAt = clock;
    const { tenantId, adminId } = await createTenant(store, ctx(), {
      slug,
      name: `Einladungsamt ${suffix}`,
      emailDomains: [`${slug}.example`],
      firstAdmin: { email: adminEmail, username: `leitung.${suffix}`, firstName: 'Lea', lastName: 'Leitung' },
    });
    const memberId = await createPerson(store, ctx(), tenantId, {
      email: memberEmail,
      username: `mitglied.${suffix}`,
      firstName: 'Mia',
      lastName: 'Mitglied',
      role: 'member',
      locale: 'en',
    });
    const w = worker();
    await w.drain();
    const pending = await db
      .selectFrom('outbox_jobs')
      .select(['kind', 'status'])
      .where('kind', '=', 'person.invite')
      .execute();
    expect(pending).toEqual([
      { kind: 'person.invite', status: 'pending' },
      { kind: 'person.invite', status: 'pending' },
    ]);
    expect(await messagesTo(adminEmail)).toEqual([]);
    expect((await store.read.people.findById(adminId))?.invitedAt).toBeNull();

    // Keycloak comes back; retries are due after their backoff.
    await proxy.up();
    for (let i = 0; i < 8; i++) {
      clock += 10 * 60_000;
      await w.drain();
    }
    const jobs = await db.selectFrom('outbox_jobs').select(['kind', 'status']).execute();
    expect(jobs.filter((job) => job.status !== 'done')).toEqual([]);

    const german = await waitForMail(adminEmail);
    const english = await waitForMail(memberEmail);
    expect(german.Subject).not.toBe(english.Subject);
    expect(german.Text).toMatch(/Passwort/);
    expect(english.Text).toMatch(/password/i);
    // A tenant admin will need the second factor (ADR 0025): the invitation sets it up with the password.
    expect(german.Text).toMatch(/OTP|Authenticator|Mehrfach|zweite/i);
    expect(english.Text).not.toMatch(/OTP|Authenticator/i);
    for (const message of [german, english]) {
      expect(new URL(invitationLink(message)).origin).toBe(new URL(stackEnv('KEYCLOAK_URL')).origin);
    }
    for (const id of [adminId, memberId]) {
      expect((await store.read.people.findById(id))?.invitedAt).toBeGreaterThan(createdAt);
    }

    // Nothing is sent twice: more passes of the worker find nothing to do.
    clock += 10 * 60_000;
    await w.drain();
    expect(await messagesTo(adminEmail)).toHaveLength(1);
    expect(await messagesTo(memberEmail)).toHaveLength(1);
  });

  it('sends the invitation again when asked, once however often it is asked while it waits', async () => {
    const tenant = await store.read.tenants.findBySlug(slug);
    const member = (await store.read.people.list(tenant!.id)).find((person) => person.email === memberEmail);
    await resendInvitation(store, ctx(), tenant!.id, member!.id);
    await resendInvitation(store, ctx(), tenant!.id, member!.id);
    clock += 1000;
    await worker().drain();
    await waitForMail(memberEmail, { count: 2 });
    // Give a wrongly doubled mail the time to arrive too.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await messagesTo(memberEmail)).toHaveLength(2);
    const audit = await store.read.audit.query({ tenantId: tenant!.id, action: 'person.invite', limit: 10 });
    expect(audit.filter((entry) => entry.targetId === member!.id)).toHaveLength(2);
  });

  it('tells a person by e-mail, in their language, that they were added to a room, unless they turned it off', async () => {
    const tenant = await store.read.tenants.findBySlug(slug);
    const member = (await store.read.people.list(tenant!.id)).find((person) => person.email === memberEmail);
    const roomId = `room-${suffix}`;
    const roomName = `Haushalt ${suffix}`;
    const notices = new OutboxWorker({
      queue: jobQueue(db),
      handlers: mailNoticeHandlers({
        store,
        mail: stackMail(),
        publicUrl: stackEnv('PUBLIC_URL'),
        calendar: new IcalCalendarFiles('Arbeitsbereich'),
      }).handlers,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      now: () => clock,
    });
    const addedToRoom = (id: string, name: string) =>
      store.transaction(async (tx) => {
        await tx.rooms.insert({ id, tenantId: tenant!.id, name, topic: '', visibility: 'private' }, clock);
        await tx.rooms.putMember(id, member!.id, 'member', clock);
        await tx.outbox.enqueue({
          kind: jobKinds.mailNotice,
          payload: { personId: member!.id, kind: 'room.added', roomId: id },
        });
      });

    await addedToRoom(roomId, roomName);
    await notices.drain();
    const notice = await waitForMail(memberEmail, { subject: /room/ });
    expect(notice.Subject).toBe(`You were added to the room "${roomName}"`);
    expect(notice.Text).toContain(`${stackEnv('PUBLIC_URL')}/rooms/${roomId}`);

    await store.write.people.setMailNotices(member!.id, false, clock);
    await addedToRoom(`${roomId}-2`, `${roomName} 2`);
    await notices.drain();
    const jobs = await db.selectFrom('outbox_jobs').select('status').where('kind', '=', 'person.mailNotice').execute();
    expect(jobs).toEqual([{ status: 'done' }, { status: 'done' }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await messagesTo(memberEmail, /room/)).toHaveLength(1);
  });
});
