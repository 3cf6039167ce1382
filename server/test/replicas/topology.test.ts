import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/db/database.js';
import { closeCollabClients, openCollabClient, until } from '../support/collabClient.js';
import { fetchAs, KeycloakTestAdmin, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, type PersonBody } from '../support/tenantsApi.js';

// The production topology (ADR 0038), as `npm test` starts it: two replicas behind the TLS proxy,
// sharing PostgreSQL, Redis and the S3-compatible store. A client reaches a given replica through
// the proxy with `X-Test-Replica`; everything else is balanced between the two.

interface Replica {
  name: string;
  port: number;
  /** The replica's own address on its host in the topology's network (ADR 0043). */
  url: string;
  pid: number;
  restarts: number;
}

const replicas = (): Replica[] => JSON.parse(fs.readFileSync(stackEnv('REPLICAS_FILE'), 'utf8')) as Replica[];
const on = (replica: 1 | 2) => ({ 'X-Test-Replica': String(replica) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A replica's own metric, read from it directly (not through the proxy) with the operator's token. */
async function metricOf(url: string, family: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, {
    headers: { Authorization: `Bearer ${stackEnv('OPERATOR_TOKEN')}` },
  });
  const name = `arbeitsbereich_${family}`;
  const line = (await response.text()).split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`replica at ${url} reports no ${name}`);
  return Number(line.split(' ').at(-1));
}

/** Waits until the replica has been started again after it died, and is ready. */
async function restarted(name: string, before: number): Promise<Replica> {
  const replica = await eventually(
    () => Promise.resolve(replicas().find((r) => r.name === name)!),
    (r) => r.restarts > before,
    60_000,
  );
  await eventually(
    async () => (await fetch(`${replica.url}/readyz`).catch(() => undefined))?.status,
    (status) => status === 200,
    90_000,
  );
  return replica;
}

function liveUpdates(session: SignedIn, replica: 1 | 2): Promise<{ socket: Socket; events: string[] }> {
  const socket = io(stackEnv('WORKSPACE_URL'), {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { Cookie: session.cookie, Origin: session.origin, ...on(replica) },
  });
  const events: string[] = [];
  socket.onAny((event: string, payload: { roomId?: string }) => events.push(`${event}:${payload.roomId ?? ''}`));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, events }));
    socket.once('connect_error', reject);
  });
}

/** GET through the proxy from a given loopback address: the proxy names it to the replicas. */
function getFrom(localAddress: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.get(`${stackEnv('WORKSPACE_URL')}${path}`, { localAddress, headers, agent: false }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

describe('two replicas behind the TLS proxy', () => {
  let admin: SignedIn;
  let member: SignedIn;
  let tenantId: string;
  let db: Db;
  // Only this run's jobs are read back (a stack started by hand may hold older ones).
  const since = Date.now();
  const post = (s: SignedIn, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetchAs(s, path, { method: 'POST', body: JSON.stringify(body), headers });

  beforeAll(async () => {
    admin = await signInDemo('amelie.admin');
    member = await signInDemo('bernd.beispiel');
    tenantId = admin.actor.tenantId!;
    db = openDatabase(stackEnv('DATABASE_URL'));
  });
  afterAll(async () => {
    closeCollabClients();
    await db.destroy();
  });

  it('runs each replica on a host of its own, reached over the network and not on this host’s loopback', async () => {
    const [first, second] = replicas();
    const hosts = [first!, second!].map((r) => new URL(r.url).hostname);
    expect(new Set(hosts).size).toBe(2);
    for (const replica of [first!, second!]) {
      expect(new URL(replica.url).hostname).not.toMatch(/^(127\.|localhost$)/);
      expect((await fetch(`${replica.url}/healthz`)).status).toBe(200);
      // Nothing of the replica listens on this host's loopback.
      await expect(fetch(`http://127.0.0.1:${replica.port}/healthz`)).rejects.toThrow();
    }
  });

  it('shows a change made through replica 1 to a client connected to replica 2', async () => {
    const [first, second] = replicas().map((r) => r.url) as [string, string];
    const before = [await metricOf(first, 'socket_connections'), await metricOf(second, 'socket_connections')];
    const listener = await liveUpdates(member, 2);
    try {
      // The socket is on replica 2, not on replica 1.
      expect(await metricOf(second, 'socket_connections')).toBe(before[1]! + 1);
      expect(await metricOf(first, 'socket_connections')).toBe(before[0]);
      const room = await json<{ id: string }>(
        await post(admin, `/api/tenants/${tenantId}/rooms`, { name: `Über Repliken ${Date.now()}` }, on(1)),
        201,
      );
      const added = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/members/${member.actor.userId}`, {
        method: 'PUT',
        body: JSON.stringify({ role: 'member' }),
        headers: on(1),
      });
      expect(added.status).toBe(204);
      await until(() => listener.events.includes(`rooms.changed:${room.id}`), 10_000);
    } finally {
      listener.socket.disconnect();
    }
  });

  it('keeps one document for two editors on different replicas, and stores what both wrote', async () => {
    const room = await json<{ id: string }>(
      await post(admin, `/api/tenants/${tenantId}/rooms`, { name: `Gemeinsam ${Date.now()}` }),
      201,
    );
    const added = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/members/${member.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status).toBe(204);
    const text = await json<{ id: string }>(
      await post(admin, `/api/tenants/${tenantId}/rooms/${room.id}/documents/texts`, {
        name: 'Protokoll',
        parentId: null,
      }),
      201,
    );
    const one = openCollabClient(admin, text.id, stackEnv('WORKSPACE_URL'), on(1));
    const two = openCollabClient(member, text.id, stackEnv('WORKSPACE_URL'), on(2));
    expect(await one.outcome).toBe('read-write');
    expect(await two.outcome).toBe('read-write');
    // Open on both replicas.
    for (const { url } of replicas()) {
      await eventually(
        () => metricOf(url, 'collab_documents_open'),
        (n) => n >= 1,
        10_000,
      );
    }
    for (let i = 0; i < 5; i++) {
      one.write(`Eins ${i}`);
      two.write(`Zwei ${i}`);
    }
    await until(() => one.paragraphs().length === 10 && two.paragraphs().length === 10, 15_000);
    expect(one.paragraphs()).toEqual(two.paragraphs());
    const written = one.paragraphs();
    one.close();
    two.close();
    // Reopened after both left (stored by one replica, the other skipping): everything both wrote.
    await sleep(4000);
    const again = openCollabClient(member, text.id, stackEnv('WORKSPACE_URL'), on(1));
    expect(await again.outcome).toBe('read-write');
    await until(() => again.paragraphs().length === 10, 15_000);
    expect(again.paragraphs()).toEqual(written);
  });

  it('counts sign-in attempts per client address across both replicas', async () => {
    // Two clients of their own on loopback (127.0.0.0/8 is all this host's), unseen by the limiter so far.
    const [client, other] = [randomBytes(3), randomBytes(3)].map((b) => `127.${b[0]}.${b[1]}.${(b[2]! % 250) + 2}`);
    // 30 a minute (the profile's setting), wherever they land: the 31st is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push(await getFrom(client!, '/auth/login?returnTo=/'));
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(303));
    expect(statuses[30]).toBe(429);
    // A client cannot shed its address by naming another: the proxy replaces the header.
    expect(await getFrom(client!, '/auth/login?returnTo=/', { 'X-Forwarded-For': '192.0.2.7' })).toBe(429);
    // Another client is not held up by it.
    expect(await getFrom(other!, '/auth/login?returnTo=/')).toBe(303);
  });

  it('loses nothing and applies nothing twice when a replica is killed in the middle of a journey', async () => {
    const victim = replicas().find((r) => r.name === 'replica1')!;
    const suffix = randomBytes(3).toString('hex');
    const username = `kill.${suffix}`;
    // Started through the replica that is about to die; its jobs are in the database already.
    const person = await json<PersonBody>(
      await post(
        admin,
        `/api/tenants/${tenantId}/people`,
        { email: `${username}@demo.example`, username, firstName: 'Kim', lastName: 'Kill', role: 'member' },
        on(1),
      ),
      201,
    );
    const room = await json<{ id: string }>(
      await post(admin, `/api/tenants/${tenantId}/rooms`, { name: `Abbruch ${suffix}` }, on(1)),
      201,
    );
    process.kill(victim.pid, 'SIGKILL');
    // The journey goes on through the proxy, which now finds replica 2 only.
    const session = await fetchAs(admin, '/api/session');
    expect(((await session.json()) as { authenticated: boolean }).authenticated).toBe(true);
    const added = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/members/${member.actor.userId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'moderator' }),
    });
    expect(added.status).toBe(204);
    const done = await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${person.id}`), 200),
      (p) => p.sync.state === 'done',
      120_000,
    );
    expect(done.sync.state).toBe('done');
    // Every job of the journey ran to its end.
    await eventually(
      async () =>
        (
          await sql<{ n: number }>`
            select count(*)::int as n from outbox_jobs where status <> 'done' and created_at >= ${since}`.execute(db)
        ).rows[0]!.n,
      (n) => n === 0,
      120_000,
    );
    // Applied once: one Keycloak user of that name, one Matrix room of that name with the member in it.
    const keycloak = new KeycloakTestAdmin();
    const users = (await keycloak.call('GET', `/users?username=${username}&exact=true`)) as unknown[];
    expect(users).toHaveLength(1);
    const rooms = (await (
      await fetch(
        `${stackEnv('MATRIX_HOMESERVER_URL')}/_synapse/admin/v1/rooms?search_term=${encodeURIComponent(`Abbruch ${suffix}`)}`,
        { headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}` } },
      )
    ).json()) as { rooms: { room_id: string }[] };
    expect(rooms.rooms).toHaveLength(1);
    // And the replica is back, as an orchestrator would bring it back.
    await restarted('replica1', victim.restarts);
  });

  it('serves a bounded load without failures while both replicas restart one after the other', async () => {
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    const paths = ['/api/session', `/api/tenants/${tenantId}/rooms`, '/healthz'];
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const path = paths[(i + n) % paths.length]!;
        try {
          const response = await fetchAs(member, path);
          await response.arrayBuffer();
          if (response.status === 200) ok++;
          else failures.push(`${path}: ${response.status}`);
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message}`);
        }
        await sleep(20);
      }
    };
    const load = [0, 1, 2, 3].map(worker);
    for (const name of ['replica1', 'replica2']) {
      const replica = replicas().find((r) => r.name === name)!;
      process.kill(replica.pid, 'SIGTERM');
      await restarted(name, replica.restarts);
      await sleep(2000);
    }
    stop = true;
    await Promise.all(load);
    // The figure goes to the test log; docs/operations names what was measured.
    console.info(`rolling restart: ${ok} requests answered, ${failures.length} failed`, failures.slice(0, 5));
    expect(ok).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
