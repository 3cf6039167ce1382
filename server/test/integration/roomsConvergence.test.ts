import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { KeycloakDirectory } from '../../src/adapters/keycloak/index.js';
import { MatrixChatRooms } from '../../src/adapters/matrix/index.js';
import type { CommandContext } from '../../src/commands/context.js';
import { importPeople } from '../../src/commands/people/peopleImporter.js';
import { mailNoticeHandlers } from '../../src/commands/notices/mailNotices.js';
import { provisioningHandlers } from '../../src/commands/provisioning/provisioningHandlers.js';
import { createRoom, putRoomMember } from '../../src/commands/rooms/roomCommands.js';
import { reconcileRoom } from '../../src/commands/rooms/roomReconciler.js';
import { systemActor } from '../../src/domain/actor.js';
import { createTenant } from '../../src/commands/tenants/tenantCreator.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.js';
import { jobQueue } from '../../src/db/outboxRepository.js';
import { createStore } from '../../src/db/store.js';
import type { Store } from '../../src/domain/ports/store.js';
import type { RoomRole } from '../../src/domain/room.js';
import { powerOf } from '../../src/domain/roomCapabilities.js';
import { OutboxWorker } from '../../src/jobs/outboxWorker.js';
import { adminLoginAs, clientCall } from '../support/matrixAdmin.js';
import { stackEnv } from '../support/stackEnv.js';
import { TcpProxy } from '../support/tcpProxy.js';

// Rooms converging onto the real Synapse through the outbox, with Synapse
// taken away (behind a TCP relay) while changes queue up.
describe('rooms on Matrix', () => {
  let db: Db;
  let store: Store;
  let proxy: TcpProxy;
  const suffix = randomBytes(3).toString('hex');
  const slug = `raum-${suffix}`;
  const matrix = (url: string) =>
    new MatrixChatRooms({
      homeserverUrl: url,
      serverName: stackEnv('MATRIX_SERVER_NAME'),
      asToken: stackEnv('MATRIX_AS_TOKEN'),
      senderLocalpart: stackEnv('MATRIX_AS_SENDER_LOCALPART'),
      adminToken: stackEnv('MATRIX_ADMIN_TOKEN'),
      timeoutMs: 3000,
    });
  const direct = matrix(stackEnv('MATRIX_HOMESERVER_URL'));
  const identity = new KeycloakDirectory({
    baseUrl: stackEnv('KEYCLOAK_URL'),
    realm: stackEnv('KEYCLOAK_REALM'),
    clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
    clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
  });
  let clock = Date.now();
  const worker = () => {
    const p = provisioningHandlers({ store, identity, chat: matrix(proxy.url), now: () => clock });
    return new OutboxWorker({
      queue: jobQueue(db),
      // A new member's notice by e-mail is queued too; with no mail server it is dropped (ADR 0041).
      handlers: {
        ...p.handlers,
        ...mailNoticeHandlers({
          store,
          mail: undefined,
          publicUrl: stackEnv('WORKSPACE_URL'),
          calendar: { invitation: () => '' },
        }).handlers,
      },
      onFailed: p.onFailed,
      logger: pino({ level: 'silent' }),
      pollMs: 50,
      concurrency: 8,
      now: () => clock,
    });
  };
  const drainUntilQuiet = async () => {
    const w = worker();
    for (let i = 0; i < 30; i++) {
      clock = Math.max(clock + 10 * 60_000, Date.now());
      if ((await w.drain()) === 0) return;
    }
  };
  let owner: CommandContext;
  let people: { id: string; username: string }[] = [];
  let roomId: string;

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    store = createStore(db);
    proxy = new TcpProxy(new URL(stackEnv('MATRIX_HOMESERVER_URL')));
    await proxy.up();
    const system = { actor: systemActor, requestId: null, now: clock };
    const { tenantId, adminId } = await createTenant(store, system, {
      slug,
      name: `Raumamt ${suffix}`,
      emailDomains: [`${slug}.example`],
      firstAdmin: {
        email: `chefin@${slug}.example`,
        username: `chefin.${suffix}`,
        firstName: 'Clara',
        lastName: 'Chefin',
      },
    });
    const csv = Array.from({ length: 20 }, (_, i) => ({
      line: i + 2,
      email: `p${i}@${slug}.example`,
      firstName: `P${i}`,
      lastName: 'Probe',
      role: 'member',
      username: `p${i}.${suffix}`,
    }));
    await importPeople(store, system, tenantId, csv, false);
    await drainUntilQuiet();
    const all = await store.read.people.list(tenantId);
    expect(all.every((p) => p.sync === 'done')).toBe(true);
    people = all.filter((p) => p.id !== adminId);
    const admin = all.find((p) => p.id === adminId)!;
    owner = {
      actor: {
        ...systemActor,
        platformAdmin: false,
        userId: admin.id,
        tenantId,
        tenantRole: 'tenant-admin',
        displayName: 'Clara Chefin',
      },
      requestId: null,
      now: clock,
    };
    roomId = await createRoom(store, owner, tenantId, { name: `Projekt ${suffix}`, topic: 'Abstimmung' });
    await drainUntilQuiet();
  }, 240_000);
  afterAll(async () => {
    await proxy.down();
    await db.destroy();
  });

  const matrixRoomId = async () => (await store.read.rooms.matrixRoomId(roomId))!;

  it('creates one encrypted Matrix room with its owner at power 100', async () => {
    const room = await store.read.rooms.findById(roomId);
    expect(room?.sync).toBe('done');
    const state = await direct.getRoomState(await matrixRoomId());
    expect(state).toMatchObject({ name: `Projekt ${suffix}`, topic: 'Abstimmung', encrypted: true });
    const ownerMxid = direct.userIdFor(`chefin.${suffix}`);
    expect(state.members).toContainEqual({ userId: ownerMxid, membership: 'join' });
    expect(state.userPowerLevels[ownerMxid]).toBe(100);
  });

  it('applies 100 membership changes queued while Synapse is down exactly once after it is back', async () => {
    await proxy.down();
    const tenantId = owner.actor.tenantId!;
    const finalRole = new Map<string, RoomRole>();
    const cycle: RoomRole[] = ['member', 'moderator', 'guest', 'moderator', 'member'];
    let changes = 0;
    for (const person of people) {
      for (const role of cycle) {
        owner = { ...owner, now: ++clock };
        // Guests of a room must be... any person may be a room guest; tenant members may hold any room role.
        await putRoomMember(store, owner, tenantId, roomId, person.id, role);
        finalRole.set(person.id, role);
        changes++;
      }
    }
    expect(changes).toBe(100);
    const queued = await db
      .selectFrom('outbox_jobs')
      .select('id')
      .where('kind', '=', 'room.sync')
      .where('status', '=', 'pending')
      .execute();
    // The 100 changes are in the desired state; the room's one waiting converge job carries them all.
    expect(queued.length).toBe(1);

    const w = worker();
    clock = Math.max(clock, Date.now());
    await w.drain();
    expect((await store.read.rooms.findById(roomId))?.sync).toBe('pending');
    expect((await store.read.rooms.findById(roomId))?.syncError).toMatch(/refused|closed unexpectedly/);

    await proxy.up();
    await drainUntilQuiet();
    expect((await store.read.rooms.findById(roomId))?.sync).toBe('done');
    const pending = await db.selectFrom('outbox_jobs').select('id').where('status', '!=', 'done').execute();
    expect(pending).toEqual([]);

    const state = await direct.getRoomState(await matrixRoomId());
    for (const person of people) {
      const mxid = direct.userIdFor(person.username);
      expect(state.members).toContainEqual({ userId: mxid, membership: 'join' });
      expect(state.userPowerLevels[mxid] ?? 0).toBe(powerOf[finalRole.get(person.id)!]);
    }
    // Exactly once: each person joined the Matrix room one time, however many jobs carried them.
    const joins = await memberEvents(await matrixRoomId());
    for (const person of people) {
      const mxid = direct.userIdFor(person.username);
      expect(
        joins.filter((e) => e.state_key === mxid && e.content.membership === 'join' && e.prev_membership !== 'join'),
      ).toHaveLength(1);
    }
  }, 240_000);

  it('repairs a kick and a raised power level made directly in Matrix, and audits the repair', async () => {
    const room = await matrixRoomId();
    const ownerMxid = direct.userIdFor(`chefin.${suffix}`);
    const [victim, climber] = [direct.userIdFor(people[0]!.username), direct.userIdFor(people[1]!.username)];
    // The room's owner, from any Matrix client, cannot: membership and power are the workspace's.
    const ownerToken = (await adminLoginAs(ownerMxid)).accessToken;
    const roomPath = `/rooms/${encodeURIComponent(room)}`;
    expect((await clientCall(ownerToken, 'POST', `${roomPath}/kick`, { user_id: victim })).status).toBe(403);
    const levels = (await clientCall(ownerToken, 'GET', `${roomPath}/state/m.room.power_levels/`)).body as {
      users: Record<string, number>;
    };
    const raise = { ...levels, users: { ...levels.users, [climber]: 100 } };
    expect((await clientCall(ownerToken, 'PUT', `${roomPath}/state/m.room.power_levels/`, raise)).status).toBe(403);
    // Someone with the workspace's own account (a homeserver admin) changes the room behind its back.
    await direct.kick(room, victim, 'from outside');
    await direct.setUserPowerLevels(room, { [climber]: 100 });

    const drift = await reconcileRoom({ store, chat: direct, now: () => Date.now() }, roomId);
    expect(drift?.missingMembers).toEqual([victim]);
    expect(drift?.powerLevels).toContainEqual({ userId: climber, want: expect.any(Number), have: 100 });

    const state = await direct.getRoomState(room);
    expect(state.members).toContainEqual({ userId: victim, membership: 'join' });
    expect(state.userPowerLevels[climber] ?? 0).toBe(0);
    const audit = await store.read.audit.query({ tenantId: owner.actor.tenantId!, action: 'room.repair', limit: 5 });
    expect(audit[0]).toMatchObject({ targetId: roomId, outcome: 'success', actorName: 'System' });
    expect(audit[0]?.details).toMatchObject({ missingMembers: [victim] });

    // In step again: a second pass finds nothing and audits nothing.
    const again = await reconcileRoom({ store, chat: direct, now: () => Date.now() }, roomId);
    expect(again).toMatchObject({ missingMembers: [], extraMembers: [], powerLevels: [] });
    expect(again?.roomRules).toBeUndefined();
    expect(
      await store.read.audit.query({ tenantId: owner.actor.tenantId!, action: 'room.repair', limit: 5 }),
    ).toHaveLength(1);
  });

  it("keeps the homeserver's guest accounts out: forbidden from the start, and again after a change in Matrix", async () => {
    const room = await matrixRoomId();
    const path = `/rooms/${encodeURIComponent(room)}/state/m.room.guest_access/`;
    const ownerToken = (await adminLoginAs(direct.userIdFor(`chefin.${suffix}`))).accessToken;
    const guestAccess = async () => (await clientCall(ownerToken, 'GET', path)).body.guest_access;
    expect(await guestAccess()).toBe('forbidden');

    // The owner cannot open the room to guests from a Matrix client; the workspace's own account can.
    expect((await clientCall(ownerToken, 'PUT', path, { guest_access: 'can_join' })).status).toBe(403);
    expect((await clientCall(stackEnv('MATRIX_AS_TOKEN'), 'PUT', path, { guest_access: 'can_join' })).status).toBe(200);
    expect(await guestAccess()).toBe('can_join');
    const drift = await reconcileRoom({ store, chat: direct, now: () => Date.now() }, roomId);
    expect(drift?.guestAccess).toEqual({ want: 'forbidden', have: 'can_join' });
    expect(await guestAccess()).toBe('forbidden');
    expect((await reconcileRoom({ store, chat: direct, now: () => Date.now() }, roomId))?.guestAccess).toBeUndefined();
  });
});

interface MemberEvent {
  state_key: string;
  content: { membership: string };
  prev_membership?: string;
}

/** Every membership event of the room, oldest first, read as the workspace's bot. */
async function memberEvents(roomId: string): Promise<MemberEvent[]> {
  const events: MemberEvent[] = [];
  let from: string | undefined;
  const filter = JSON.stringify({ types: ['m.room.member'] });
  for (let page = 0; page < 50; page++) {
    const url = new URL(
      `${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages`,
    );
    url.searchParams.set('dir', 'f');
    url.searchParams.set('limit', '500');
    url.searchParams.set('filter', filter);
    if (from) url.searchParams.set('from', from);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${stackEnv('MATRIX_AS_TOKEN')}` } });
    const body = (await response.json()) as {
      chunk: {
        state_key: string;
        content: { membership: string };
        unsigned?: { prev_content?: { membership?: string } };
      }[];
      end?: string;
    };
    for (const e of body.chunk) {
      events.push({
        state_key: e.state_key,
        content: e.content,
        ...(e.unsigned?.prev_content?.membership ? { prev_membership: e.unsigned.prev_content.membership } : {}),
      });
    }
    if (!body.end || body.chunk.length === 0) break;
    from = body.end;
  }
  return events;
}
