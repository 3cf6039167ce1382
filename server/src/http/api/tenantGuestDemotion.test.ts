import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../db/database.js';
import { createStore } from '../../db/store.js';
import type { Actor, TenantRole } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import type { Store } from '../../domain/ports/store.js';
import type { CommandContext } from '../../commands/context.js';
import { archiveRoom, createRoom, putRoomMember } from '../../commands/rooms/roomCommands.js';
import { changeRole } from '../../commands/people/personCommands.js';

const now = Date.UTC(2026, 11, 4);

describe('changing a person’s tenant role', () => {
  let db: Db;
  let store: Store;
  const tenantId = randomUUID();
  const admin = randomUUID();
  const dora = randomUUID(); // the person whose role changes
  const emil = randomUUID(); // a colleague who owns rooms too
  let clock = now;

  const as = (userId: string, tenantRole: TenantRole): CommandContext => {
    const actor: Actor = {
      userId,
      subject: `kc-${userId}`,
      username: userId.slice(0, 8),
      displayName: `Person ${userId.slice(0, 4)}`,
      tenantId,
      tenantRole,
      platformAdmin: false,
    };
    return { actor, requestId: null, now: ++clock };
  };
  const asAdmin = () => as(admin, 'tenant-admin');
  const roleOf = (roomId: string, personId: string) => store.read.rooms.memberRole(roomId, personId);
  const syncJobs = () =>
    db.selectFrom('outbox_jobs').select(['kind', 'payload']).where('kind', '=', 'room.sync').execute();

  beforeEach(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    await store.transaction(async (tx) => {
      await tx.tenants.insert({ id: tenantId, slug: 'amt', name: 'Amt', emailDomains: ['amt.example'] }, now);
      for (const [id, username, role] of [
        [admin, 'anna', 'tenant-admin'],
        [dora, 'dora', 'member'],
        [emil, 'emil', 'member'],
      ] as const) {
        await tx.people.insert(
          { id, tenantId, username, email: `${username}@amt.example`, firstName: username, lastName: 'X', role },
          now,
        );
      }
    });
  });
  afterEach(async () => {
    await db.destroy();
  });

  /** A room Emil creates (he owns it), with Dora in the given role. */
  const roomWithDora = async (name: string, role: 'owner' | 'moderator' | 'member' | 'guest') => {
    const roomId = await createRoom(store, as(emil, 'member'), tenantId, { name });
    await putRoomMember(store, asAdmin(), tenantId, roomId, dora, role);
    return roomId;
  };

  it('to guest: lowers every room role of the person to guest, queues each room’s sync and audits each change', async () => {
    const owned = await roomWithDora('Haushalt', 'owner');
    const moderated = await roomWithDora('Bauamt', 'moderator');
    const joined = await roomWithDora('Kantine', 'member');
    const alreadyGuest = await roomWithDora('Presse', 'guest');
    await db.deleteFrom('outbox_jobs').execute();

    await changeRole(store, asAdmin(), tenantId, dora, 'guest');

    expect((await store.read.people.findById(dora))?.role).toBe('guest');
    for (const roomId of [owned, moderated, joined, alreadyGuest]) expect(await roleOf(roomId, dora)).toBe('guest');
    // The other owner keeps the rooms.
    for (const roomId of [owned, moderated, joined]) expect(await roleOf(roomId, emil)).toBe('owner');
    const synced = (await syncJobs()).map((j) => (JSON.parse(j.payload) as { roomId: string }).roomId).sort();
    expect(synced).toEqual([owned, moderated, joined].sort());
    const entries = await store.read.audit.query({ tenantId, action: 'room.changeMemberRole', limit: 50 });
    const lowered = entries.filter((e) => e.details?.reason === 'tenant-role:guest');
    expect(lowered.map((e) => [e.targetId, e.details?.from, e.details?.to]).sort()).toEqual(
      [
        [owned, 'owner', 'guest'],
        [moderated, 'moderator', 'guest'],
        [joined, 'member', 'guest'],
      ].sort(),
    );
    expect(lowered.every((e) => e.actorId === admin && e.outcome === 'success')).toBe(true);
  });

  it('refuses the demotion while the person is the only owner of an active room, naming it, and changes nothing', async () => {
    const shared = await roomWithDora('Gemeinsam', 'owner');
    const own = await createRoom(store, as(dora, 'member'), tenantId, { name: 'Doras Raum' });
    const archived = await createRoom(store, as(dora, 'member'), tenantId, { name: 'Altes Projekt' });
    await archiveRoom(store, as(dora, 'member'), tenantId, archived);

    const error = await changeRole(store, asAdmin(), tenantId, dora, 'guest').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'conflict',
      problemType: 'last-owner',
      details: { code: 'last-owner', rooms: [{ id: own, name: 'Doras Raum' }] },
    });
    expect((error as DomainError).message).toContain('„Doras Raum“');
    expect((await store.read.people.findById(dora))?.role).toBe('member');
    expect(await roleOf(shared, dora)).toBe('owner');
    expect(await roleOf(own, dora)).toBe('owner');
    expect(await store.read.audit.query({ tenantId, action: 'person.changeRole', limit: 5 })).toEqual([]);

    // Once someone else owns her room too, she can be demoted; the archived room needs nobody.
    await putRoomMember(store, asAdmin(), tenantId, own, emil, 'owner');
    await changeRole(store, asAdmin(), tenantId, dora, 'guest');
    for (const roomId of [shared, own, archived]) expect(await roleOf(roomId, dora)).toBe('guest');
  });

  it('promotion back to member restores no room role', async () => {
    const roomId = await roomWithDora('Haushalt', 'moderator');
    await changeRole(store, asAdmin(), tenantId, dora, 'guest');
    await changeRole(store, asAdmin(), tenantId, dora, 'member');
    expect((await store.read.people.findById(dora))?.role).toBe('member');
    expect(await roleOf(roomId, dora)).toBe('guest');
  });

  it('to tenant admin or member: room roles stay as they are', async () => {
    const roomId = await roomWithDora('Haushalt', 'moderator');
    await changeRole(store, asAdmin(), tenantId, dora, 'tenant-admin');
    expect(await roleOf(roomId, dora)).toBe('moderator');
  });
});
