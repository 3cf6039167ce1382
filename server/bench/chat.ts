/**
 * Room provisioning benchmark, the first part of `npm run bench:chat`
 * (deploy/local/commands/benchChat.mjs), run with the bench stack's environment. In one run
 * against the same Synapse:
 *
 * - product: BENCH_ROOMS rooms of BENCH_MEMBERS people each, made with the room commands
 *   (`createRoom` by the tenant admin, who becomes the owner, then `putRoomMember` for every other
 *   member) into a fresh SQLite database, while an OutboxWorker with the real Matrix adapter applies
 *   the `room.sync` jobs; wall time from the first command to the last job done;
 * - bare: the Matrix calls that give the same rooms — create the room (same request as the
 *   adapter: alias, name, encryption), invite and join each member (the join as the member, with
 *   the application service token and `?user_id=`), set the owner's power level — with the same
 *   concurrency, rooms in parallel, each room's calls one after another; once before the product
 *   and once after it (with other users), because the machine's other load drifts during a run.
 *
 * The people exist before either is timed: the product's through `createTenant` and `importPeople`
 * (tenant space included), each bare phase's registered directly with the application service and
 * joined to a space of their own. Each side checks at the end that Synapse holds exactly the rooms,
 * members and power it was to make. The figures go as JSON to BENCH_RESULT, with the rooms and
 * users the message latency part (client/bench/chatLatency.ts) uses next.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pino from 'pino';
import { KeycloakDirectory } from '../src/adapters/keycloak/index.js';
import { MatrixChatRooms } from '../src/adapters/matrix/index.js';
import type { CommandContext } from '../src/commands/context.js';
import { importPeople, type ImportRow } from '../src/commands/people/peopleImporter.js';
import { provisioningHandlers } from '../src/commands/provisioning/provisioningHandlers.js';
import { createRoom, putRoomMember } from '../src/commands/rooms/roomCommands.js';
import { systemActor } from '../src/domain/actor.js';
import { createTenant } from '../src/commands/tenants/tenantCreator.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { jobQueue } from '../src/db/outboxRepository.js';
import { createStore } from '../src/db/store.js';
import type { Actor } from '../src/domain/actor.js';
import { OutboxWorker } from '../src/jobs/outboxWorker.js';
import {
  benchEnv,
  countRequests,
  cpuNow,
  cpuSince,
  say,
  seconds,
  sleep,
  timed,
  underLoad,
  type CpuSeconds,
} from './support.js';

const env = benchEnv('bench:chat');
const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${env('BENCH_DATABASE')}` });
const benchAsToken = env('MATRIX_HARNESS_AS_TOKEN');
const roomCount = Number(env('BENCH_ROOMS', '100'));
const memberCount = Number(env('BENCH_MEMBERS', '20'));
const warmupRooms = Number(env('BENCH_WARMUP_ROOMS', '3'));
const concurrency = config.OUTBOX_CONCURRENCY;
if (memberCount < 2) throw new Error('BENCH_MEMBERS must be at least 2: the message latency needs two people');
const run = randomBytes(3).toString('hex');
const serverName = config.MATRIX_SERVER_NAME;
const matrixApi = `${config.MATRIX_HOMESERVER_URL}/_matrix/client/v3`;
const botUserId = `@${config.MATRIX_AS_SENDER_LOCALPART}:${serverName}`;
const requests = countRequests();
const synapseRequests = () => requests(config.MATRIX_HOMESERVER_URL);

// ---------------------------------------------------------------------------------------------
// Bare calls: plain fetch with the application service token, nothing looked up that is not needed.

async function matrix(method: string, path: string, body?: unknown, asUser?: string): Promise<unknown> {
  const url = new URL(matrixApi + path);
  if (asUser !== undefined) url.searchParams.set('user_id', asUser);
  const response = await fetch(url, {
    method,
    headers: {
      // The benchmark's own application service (appservice-harness.yaml.tmpl): the workspace's acts as no one.
      Authorization: `Bearer ${benchAsToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

const room = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`;

/** The request the adapter sends for a new room: private, named, encrypted, with the workspace's alias. */
async function bareCreateRoom(alias: string, name: string, space = false): Promise<string> {
  const body = (await matrix('POST', '/createRoom', {
    preset: 'private_chat',
    visibility: 'private',
    room_alias_name: alias,
    name,
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    ...(space ? { creation_content: { type: 'm.space' } } : {}),
  })) as { room_id: string };
  return body.room_id;
}

async function bareInviteAndJoin(roomId: string, userId: string): Promise<void> {
  await matrix('POST', `${room(roomId)}/invite`, { user_id: userId });
  await matrix('POST', `${room(roomId)}/join`, {}, userId);
}

interface PowerLevels {
  users?: Record<string, number>;
  [key: string]: unknown;
}

/** One room the bare way: create, invite and join every member, the first one made owner (power 100). */
async function bareRoom(prefix: string, i: number, users: string[]): Promise<string> {
  const roomId = await bareCreateRoom(`ws_${prefix}-${i}`, `Raum ${i}`);
  for (const userId of users) await bareInviteAndJoin(roomId, userId);
  const levels = (await matrix('GET', `${room(roomId)}/state/m.room.power_levels/`)) as PowerLevels;
  await matrix('PUT', `${room(roomId)}/state/m.room.power_levels/`, {
    ...levels,
    users: { ...levels.users, [users[0]!]: 100 },
  });
  return roomId;
}

/** Registers Matrix users through the application service (not timed), each with a display name. */
async function bareUsers(prefix: string, count: number): Promise<string[]> {
  const users: string[] = [];
  for (let i = 0; i < count; i++) {
    const localpart = `${prefix}-${i}`;
    const userId = `@${localpart}:${serverName}`;
    await matrix('POST', '/register', {
      type: 'm.login.application_service',
      username: localpart,
      inhibit_login: true,
    });
    await matrix(
      'PUT',
      `/profile/${encodeURIComponent(userId)}/displayname`,
      { displayname: `Bea Bench ${i}` },
      userId,
    );
    users.push(userId);
  }
  return users;
}

/** Did Synapse get it? Exactly these users (and the bot) joined, the owner with power 100, the rest without. */
async function checkRoom(what: string, roomId: string, users: string[]): Promise<void> {
  const joined = (await matrix('GET', `${room(roomId)}/joined_members`)) as { joined: Record<string, unknown> };
  const have = Object.keys(joined.joined).filter((u) => u !== botUserId);
  const want = new Set(users);
  if (have.length !== users.length || !have.every((u) => want.has(u))) {
    throw new Error(`${what}: ${roomId} has ${have.length} members, not the ${users.length} wanted`);
  }
  const levels = (await matrix('GET', `${room(roomId)}/state/m.room.power_levels/`)) as PowerLevels;
  for (const [index, userId] of users.entries()) {
    const level = levels.users?.[userId] ?? 0;
    if (level !== (index === 0 ? 100 : 0)) throw new Error(`${what}: ${userId} has power ${level} in ${roomId}`);
  }
  const encryption = await matrix('GET', `${room(roomId)}/state/m.room.encryption/`);
  if (typeof encryption !== 'object' || encryption === null) throw new Error(`${what}: ${roomId} is not encrypted`);
}

interface PhaseResult {
  ms: number;
  cpu: CpuSeconds;
  load: number;
  synapseRequestsPerRoom: number;
}

async function barePhase(prefix: string, count: number, users: string[]): Promise<{ rooms: string[] } & PhaseResult> {
  const rooms: string[] = new Array<string>(count);
  const requestsBefore = synapseRequests();
  const cpuStart = cpuNow();
  const { value: ms, load } = await underLoad(() =>
    timed(count, concurrency, async (i) => {
      rooms[i] = await bareRoom(prefix, i, users);
    }),
  );
  const cpu = cpuSince(cpuStart);
  const synapseRequestsPerRoom = (synapseRequests() - requestsBefore) / count;
  for (const roomId of rooms) await checkRoom(prefix, roomId, users);
  return { rooms, ms, cpu, load, synapseRequestsPerRoom };
}

// ---------------------------------------------------------------------------------------------
// The product: room commands, outbox, worker, real Matrix adapter.

const file = env('BENCH_DATABASE');
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
const db = openDatabase(`sqlite:${file}`);
await migrateToLatest(db);
const store = createStore(db);
const chat = new MatrixChatRooms({
  homeserverUrl: config.MATRIX_HOMESERVER_URL,
  serverName,
  asToken: config.MATRIX_AS_TOKEN,
  senderLocalpart: config.MATRIX_AS_SENDER_LOCALPART,
  adminToken: config.MATRIX_ADMIN_TOKEN,
});
const provisioning = provisioningHandlers({
  store,
  identity: new KeycloakDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  }),
  chat,
});
const logger = pino({ level: config.LOG_LEVEL }, pino.destination({ dest: env('BENCH_LOG'), sync: false }));
const worker = new OutboxWorker({
  queue: jobQueue(db),
  handlers: provisioning.handlers,
  onFailed: provisioning.onFailed,
  logger,
  pollMs: config.OUTBOX_POLL_MS,
  concurrency,
});
const ctx = (actor: Actor): CommandContext => ({ actor, requestId: null, now: Date.now() });

interface Tenancy {
  tenantId: string;
  /** The tenant admin who creates the rooms (and owns them), as the session would know them. */
  admin: Actor;
  /** The admin first, then the imported people: the members of every room. */
  people: { id: string; matrixUserId: string; localpart: string }[];
}

/** A tenant with its admin and `count - 1` imported people, provisioned through the product (not timed). */
async function productPeople(count: number): Promise<Tenancy> {
  const slug = `chat-${run}`;
  const domain = `${slug}.example`;
  const { tenantId, adminId } = await createTenant(store, ctx(systemActor), {
    slug,
    name: `Chat ${run}`,
    emailDomains: [domain],
    firstAdmin: { email: `leitung@${domain}`, username: `${slug}-leitung`, firstName: 'Lea', lastName: 'Leitung' },
  });
  // The tenant's organization and space exist before the import, as in use.
  for (;;) {
    const tenant = await store.read.tenants.findById(tenantId);
    if (tenant?.sync === 'failed') throw new Error('the tenant could not be provisioned');
    if (tenant?.sync === 'done') break;
    await sleep(100);
  }
  const rows: ImportRow[] = Array.from({ length: count - 1 }, (_, i) => ({
    line: i + 2,
    email: `person.${i}@${domain}`,
    firstName: 'Per',
    lastName: `Son ${i}`,
    role: 'member',
    username: `${slug}-p${i}`,
  }));
  const report = await importPeople(store, ctx(systemActor), tenantId, rows, false);
  if (report.created.length !== rows.length) throw new Error(`the import created ${report.created.length} people`);
  for (;;) {
    const rows = await db.selectFrom('people').select(['sync']).where('tenant_id', '=', tenantId).execute();
    if (rows.some((r) => r.sync === 'failed')) throw new Error(`people failed to provision; see ${env('BENCH_LOG')}`);
    if (rows.length === count && rows.every((r) => r.sync === 'done')) break;
    await sleep(200);
  }
  const ids = [adminId, ...report.created];
  const people = await Promise.all(
    ids.map(async (id) => {
      const links = await store.read.people.links(id);
      if (!links?.matrixUserId) throw new Error(`person ${id} has no Matrix account`);
      return { id, matrixUserId: links.matrixUserId, localpart: links.matrixUserId.slice(1).split(':')[0]! };
    }),
  );
  const admin = await store.read.people.findById(adminId);
  const adminLinks = await store.read.people.links(adminId);
  if (!admin || !adminLinks?.subject) throw new Error('the tenant admin was not provisioned');
  return {
    tenantId,
    people,
    admin: {
      userId: adminId,
      subject: adminLinks.subject,
      username: admin.username,
      displayName: `${admin.firstName} ${admin.lastName}`,
      tenantId,
      tenantRole: 'tenant-admin',
      platformAdmin: false,
    },
  };
}

async function productPhase(
  tenancy: Tenancy,
  count: number,
): Promise<{ rooms: string[]; commandsMs: number; jobs: number; retriedJobs: number } & PhaseResult> {
  const { tenantId, admin, people } = tenancy;
  const roomIds: string[] = new Array<string>(count);
  const requestsBefore = synapseRequests();
  const cpuStart = cpuNow();
  const startedAt = Date.now();
  const { value, load } = await underLoad(async () => {
    // An admin's clicks, `concurrency` rooms at once: create the room, then add each member.
    const commandsMs = await timed(count, concurrency, async (i) => {
      const id = await createRoom(store, ctx(admin), tenantId, { name: `Raum ${i}` });
      roomIds[i] = id;
      for (const person of people.slice(1)) await putRoomMember(store, ctx(admin), tenantId, id, person.id, 'member');
    });
    let lastReport = Date.now();
    for (;;) {
      const jobs = await db
        .selectFrom('outbox_jobs')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'room.sync')
        .where('created_at', '>=', startedAt)
        .groupBy('status')
        .execute();
      const by = Object.fromEntries(jobs.map((j) => [j.status, Number(j.n)]));
      if ((by.failed ?? 0) > 0) throw new Error(`${by.failed} room jobs failed; see ${env('BENCH_LOG')}`);
      const rooms = await db
        .selectFrom('rooms')
        .select(['sync', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .groupBy('sync')
        .execute();
      const done = Number(rooms.find((r) => r.sync === 'done')?.n ?? 0);
      if ((by.pending ?? 0) + (by.running ?? 0) === 0 && done === count) break;
      if (Date.now() - lastReport > 15_000) {
        say(
          `product: ${done} of ${count} rooms done, ${by.done ?? 0} jobs done, ${(by.pending ?? 0) + (by.running ?? 0)} to go after ${Math.round((Date.now() - startedAt) / 1000)} s`,
        );
        lastReport = Date.now();
      }
      // The time of the last job done is read from its row, so this may poll slowly.
      await sleep(250);
    }
    const last = await db
      .selectFrom('outbox_jobs')
      .select([(eb) => eb.fn.max('updated_at').as('at'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'room.sync')
      .where('created_at', '>=', startedAt)
      .executeTakeFirstOrThrow();
    return { commandsMs, ms: Number(last.at) - startedAt, jobs: Number(last.n) };
  });
  const cpu = cpuSince(cpuStart);
  const synapseRequestsPerRoom = (synapseRequests() - requestsBefore) / count;
  const retried = await db
    .selectFrom('outbox_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'room.sync')
    .where('attempts', '>', 1)
    .where('created_at', '>=', startedAt)
    .executeTakeFirstOrThrow();
  const rooms: string[] = [];
  for (const id of roomIds) {
    const matrixRoomId = await store.read.rooms.matrixRoomId(id);
    if (!matrixRoomId) throw new Error(`room ${id} has no Matrix room`);
    await checkRoom(
      'product',
      matrixRoomId,
      people.map((p) => p.matrixUserId),
    );
    rooms.push(matrixRoomId);
  }
  return { ...value, rooms, cpu, load, synapseRequestsPerRoom, retriedJobs: Number(retried.n) };
}

// ---------------------------------------------------------------------------------------------

say(`${roomCount} rooms × ${memberCount} members per side, concurrency ${concurrency}, run ${run}`);
worker.start();
const tenancy = await productPeople(memberCount);
// Each bare phase has users of its own, in a space of their own as the product's people are in
// their tenant's space.
async function bareSide(name: string): Promise<string[]> {
  const prefix = `chat${name}-${run}`;
  const users = await bareUsers(prefix, memberCount);
  const space = await bareCreateRoom(`ws_${prefix}-space`, `Bare ${name} ${run}`, true);
  for (const userId of users) await bareInviteAndJoin(space, userId);
  return users;
}
const usersBefore = await bareSide('before');
const usersAfter = await bareSide('after');
say(`people: ${memberCount} through the product, twice ${memberCount} the bare way (not timed)`);

if (warmupRooms > 0) {
  await barePhase(`chatwarm-${run}`, warmupRooms, usersBefore);
  say(`warm-up: ${warmupRooms} rooms the bare way (not timed)`);
}
const rate = (ms: number) => `${seconds(ms)} (${(roomCount / (ms / 1000)).toFixed(2)} rooms/s)`;
// The bare calls run before and after the product: the machine's other load drifts during a run.
const bare = await barePhase(`chatroom-before-${run}`, roomCount, usersBefore);
say(`bare, before the product: ${rate(bare.ms)}`);
const product = await productPhase(tenancy, roomCount);
say(`product (commands ${seconds(product.commandsMs)}, then the outbox): ${rate(product.ms)}`);
const bareAfter = await barePhase(`chatroom-after-${run}`, roomCount, usersAfter);
say(`bare, after the product: ${rate(bareAfter.ms)}`);
say(`product ÷ bare (mean of before and after) ${((2 * product.ms) / (bare.ms + bareAfter.ms)).toFixed(2)}`);
await worker.stop();
await db.destroy();

fs.writeFileSync(
  env('BENCH_RESULT'),
  JSON.stringify(
    {
      rooms: roomCount,
      members: memberCount,
      concurrency,
      pollMs: config.OUTBOX_POLL_MS,
      warmupRooms,
      product: { ...product, rooms: undefined },
      bare: { ...bare, rooms: undefined },
      bareAfter: { ...bareAfter, rooms: undefined },
      // For the message latency: the first room of each side, its owner (A) and its first member (B).
      latency: {
        homeserverUrl: config.MATRIX_HOMESERVER_URL,
        product: {
          roomId: product.rooms[0],
          a: tenancy.people[0]!.localpart,
          b: tenancy.people[1]!.localpart,
        },
        bare: {
          roomId: bare.rooms[0],
          a: usersBefore[0]!.slice(1).split(':')[0],
          b: usersBefore[1]!.slice(1).split(':')[0],
        },
      },
    },
    null,
    2,
  ),
);
