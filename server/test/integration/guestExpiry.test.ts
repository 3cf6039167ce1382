import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { extendGuestTerm, guestExpiryPass } from '../../src/commands/people/guestExpiry.js';
import { createPerson, deactivatePerson, reactivatePerson } from '../../src/commands/people/personCommands.js';
import { createRoom, putRoomMember } from '../../src/commands/rooms/roomCommands.js';
import { createTenant } from '../../src/commands/tenants/tenantCreator.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { systemActor, type Actor } from '../../src/domain/actor.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Store } from '../../src/domain/ports/store.js';
import { messagesTo, waitForMail } from '../support/mailbox.js';
import { stackEnv } from '../support/stackEnv.js';
import { stackMatrix } from '../support/stackMatrix.js';
import { stackKeycloak, stackWorker } from '../support/stackWorker.js';

const DAY = 24 * 60 * 60 * 1000;
const EXPIRING = /Gastes|guest/;

// A tenant guest's term against the real Keycloak, Synapse and mail server (ADR 0050), on a clock the
// test moves: the sponsor hears a week before the end, extends it, and at the new end the guest is
// gone from every part, by the workspace's own pass.
describe('guests with a sponsor and an end date', () => {
  let db: Db;
  let store: Store;
  let clock = Date.now();
  const suffix = randomBytes(3).toString('hex');
  const slug = `gast-${suffix}`;
  const sponsorEmail = `pat@${slug}.example`;
  let tenantId: string;
  let sponsorId: string;
  let guestId: string;
  let roomId: string;
  let adminId: string;
  const as = (actor: Actor): CommandContext => ({ actor, requestId: null, now: clock });
  const system = () => as(systemActor);
  /** Runs the outbox until no job waits, moving the clock past each retry's backoff. */
  const drain = async () => {
    const worker = stackWorker({ db, store, now: () => clock });
    for (let i = 0; i < 40; i++) {
      await worker.drain();
      const waiting = await db.selectFrom('outbox_jobs').select('kind').where('status', '=', 'pending').execute();
      if (waiting.length === 0) return;
      clock += 10 * 60_000;
    }
    throw new Error('outbox jobs still waiting after 40 passes');
  };
  const person = (id: string, role: Actor['tenantRole'], name: string): Actor => ({
    ...systemActor,
    platformAdmin: false,
    userId: id,
    subject: id,
    username: name,
    displayName: name,
    tenantId,
    tenantRole: role,
  });

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    const created = await createTenant(store, system(), {
      slug,
      name: `Gästeamt ${suffix}`,
      emailDomains: [`${slug}.example`],
      firstAdmin: { email: `chef@${slug}.example`, username: `chef.${suffix}`, firstName: 'Carl', lastName: 'Chef' },
    });
    tenantId = created.tenantId;
    adminId = created.adminId;
    sponsorId = await createPerson(store, system(), tenantId, {
      email: sponsorEmail,
      username: `pat.${suffix}`,
      firstName: 'Pat',
      lastName: 'Pate',
      role: 'member',
    });
    const admin = as(person(created.adminId, 'tenant-admin', 'Carl Chef'));
    guestId = await createPerson(store, admin, tenantId, {
      email: `gina@${slug}.example`,
      username: `gina.${suffix}`,
      firstName: 'Gina',
      lastName: 'Gast',
      role: 'guest',
      sponsorId,
      expiresAt: clock + 10 * DAY,
    });
    roomId = await createRoom(store, admin, tenantId, { name: `Projekt ${suffix}`, topic: '', visibility: 'private' });
    await putRoomMember(store, admin, tenantId, roomId, guestId, 'guest');
    await drain();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('refuses a guest without an acceptable sponsor or end date', async () => {
    const refused = async (props: { sponsorId?: string; expiresAt?: number }) =>
      createPerson(store, system(), tenantId, {
        email: `nein.${randomBytes(2).toString('hex')}@${slug}.example`,
        firstName: 'Nora',
        lastName: 'Nein',
        role: 'guest',
        ...props,
      }).then(
        () => 'created',
        (error: unknown) => (error instanceof DomainError ? error.details?.code : error),
      );
    expect(await refused({ sponsorId: guestId })).toBe('invalid-sponsor');
    expect(await refused({ expiresAt: clock - DAY })).toBe('past');
    expect(await refused({ expiresAt: clock + 400 * DAY })).toBe('too-far');
  });

  it('tells the sponsor once, a week before the end, and lets the sponsor extend it', async () => {
    expect((await store.read.people.findById(guestId))?.guestTerm).toMatchObject({ sponsorId, noticeSentAt: null });
    expect(await guestExpiryPass(store, clock)).toEqual({ noticed: 0, expired: 0 });

    clock += 4 * DAY;
    expect(await guestExpiryPass(store, clock)).toEqual({ noticed: 1, expired: 0 });
    expect(await guestExpiryPass(store, clock + 60_000)).toEqual({ noticed: 0, expired: 0 });
    await drain();
    const notice = await waitForMail(sponsorEmail, { subject: EXPIRING });
    expect(notice.Subject).toContain('Gina Gast');
    expect(notice.Text).toContain(`${stackEnv('PUBLIC_URL')}/gaeste`);

    // Another member may not extend it; the sponsor may, and hears again before the new end.
    const colleague = person(randomBytes(8).toString('hex'), 'member', 'Kim Kollege');
    await expect(
      extendGuestTerm(store, as(colleague), tenantId, guestId, { expiresAt: clock + 30 * DAY }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await extendGuestTerm(store, as(person(sponsorId, 'member', 'Pat Pate')), tenantId, guestId, {
      expiresAt: clock + 3 * DAY,
    });
    expect((await store.read.people.findById(guestId))?.guestTerm).toMatchObject({
      expiresAt: clock + 3 * DAY,
      noticeSentAt: null,
    });
  });

  it('ends the guest’s access everywhere when the term is over, and only an extension lets them back', async () => {
    const links = await store.read.people.links(guestId);
    expect(links?.subject).toBeTruthy();
    const matrixRoom = (await store.read.rooms.matrixRoomId(roomId))!;
    const chat = stackMatrix();
    const joined = async () =>
      (await chat.getRoomState(matrixRoom)).members.filter((m) => m.membership === 'join').map((m) => m.userId);
    expect(await joined()).toContain(links!.matrixUserId);

    clock += 3 * DAY + 1;
    expect(await guestExpiryPass(store, clock)).toEqual({ noticed: 0, expired: 1 });
    await drain();

    const guest = await store.read.people.findById(guestId);
    expect(guest).toMatchObject({ status: 'deactivated', sync: 'done' });
    expect((await stackKeycloak().findUserById(links!.subject!))?.enabled).toBe(false);
    const account = await fetch(
      `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v2/users/${encodeURIComponent(links!.matrixUserId!)}`,
      { headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}` } },
    );
    expect(((await account.json()) as { deactivated: boolean }).deactivated).toBe(true);
    expect(await joined()).not.toContain(links!.matrixUserId);
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', guestId)
      .where('action', '=', 'person.deactivate')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ reason: 'guest-term-ended' });

    // A reactivation needs a term that has not ended.
    await expect(reactivatePerson(store, system(), tenantId, guestId)).rejects.toMatchObject({ kind: 'conflict' });
    // Nothing more for the ended term: no second notice, no second deactivation.
    expect(await guestExpiryPass(store, clock + DAY)).toEqual({ noticed: 0, expired: 0 });
    expect(await messagesTo(sponsorEmail, EXPIRING)).toHaveLength(1);
  });

  it('hands a leaving sponsor’s guests to the tenant’s admin, who is told before their end', async () => {
    const admin = as(person(adminId, 'tenant-admin', 'Carl Chef'));
    const leaver = await createPerson(store, admin, tenantId, {
      email: `lea@${slug}.example`,
      username: `lea.${suffix}`,
      firstName: 'Lea',
      lastName: 'Geht',
      role: 'member',
    });
    const theirGuest = await createPerson(store, admin, tenantId, {
      email: `hugo@${slug}.example`,
      username: `hugo.${suffix}`,
      firstName: 'Hugo',
      lastName: 'Gast',
      role: 'guest',
      sponsorId: leaver,
      expiresAt: clock + 5 * DAY,
    });
    // Within the week before the end: the leaver has been told already.
    expect(await guestExpiryPass(store, clock)).toMatchObject({ noticed: 1 });

    await deactivatePerson(store, admin, tenantId, leaver);
    expect((await store.read.people.findById(theirGuest))?.guestTerm).toEqual({
      sponsorId: adminId,
      expiresAt: clock + 5 * DAY,
      noticeSentAt: null,
    });
    const [entry] = await db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'person.deactivate')
      .where('target_id', '=', leaver)
      .execute();
    expect(JSON.parse(entry!.details)).toMatchObject({ sponsoredGuests: 1, guestsHandedTo: adminId });
    // The new sponsor is told at the next pass, as the leaver was.
    expect(await guestExpiryPass(store, clock + 60_000)).toMatchObject({ noticed: 1 });
  });
});
