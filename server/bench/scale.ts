/**
 * The load of `npm run bench:scale` (deploy/local/commands/benchScale.mjs), against the production
 * topology's TLS proxy (ADR 0038). The same bounded load runs twice through the same proxy: first
 * with every client and request on replica 1 ("one replica"), then spread evenly over both ("two
 * replicas"), where a change made on one replica reaches half its listeners through Redis.
 * - Live updates: BENCH_SOCKETS sockets of a member; BENCH_EVENTS renames of a room the member is in,
 *   one after the other; the time from sending the rename until each socket has heard of it.
 * - Co-editing: BENCH_EDITORS editors over BENCH_DOCUMENTS text documents; BENCH_UPDATES paragraphs
 *   written one after the other, each the time until every other editor of its document has it.
 * - Chat: BENCH_MESSAGES messages of the room's owner, one after the other, each the time from
 *   sending it (through the chat path: the proxy in front of Synapse's main process) until the
 *   member's long-polling sync (the proxy in front of Synapse's sync worker) returned it. Synapse
 *   pushes each event to the workspace's application service, spread over both replicas by the
 *   internal proxy in either scenario; that push is the replicas' part of this load.
 * - Each phase's CPU time of both replicas (from /proc), per operation.
 * Results go as JSON to BENCH_RESULT.
 */
import fs from 'node:fs';
import os from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { openCollabClient, type CollabClient } from '../test/support/collabClient.js';
import { adminLoginAs } from '../test/support/matrixAdmin.js';
import { fetchAs, signInDemo, type SignedIn } from '../test/support/signIn.js';
import { benchEnv, say, sleep } from './support.js';

const env = benchEnv('bench:scale');
const socketCount = Number(env('BENCH_SOCKETS', '2000'));
const eventCount = Number(env('BENCH_EVENTS', '20'));
const editorCount = Number(env('BENCH_EDITORS', '200'));
const documentCount = Number(env('BENCH_DOCUMENTS', '50'));
const updateCount = Number(env('BENCH_UPDATES', '200'));
const messageCount = Number(env('BENCH_MESSAGES', '200'));
const base = env('WORKSPACE_URL');
const replicaFile = env('REPLICAS_FILE');

type Scenario = 'one' | 'two';
/** Which replica the n-th client or request goes to. */
const replicaOf = (scenario: Scenario, n: number) => ({
  'X-Test-Replica': scenario === 'one' ? '1' : String(1 + (n % 2)),
});

function cpuSeconds(): number {
  const replicas = JSON.parse(fs.readFileSync(replicaFile, 'utf8')) as { pid: number }[];
  const ticks = 100; // USER_HZ on Linux
  return replicas.reduce((sum, { pid }) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) / ticks;
  }, 0);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function connect(session: SignedIn, headers: Record<string, string>): Promise<Socket> {
  const socket = io(base, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { Cookie: session.cookie, Origin: session.origin, ...headers },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** What one round of a phase measured: each operation's latency, and both replicas' CPU time. */
interface Round {
  latencies: number[];
  cpuUsed: number;
}

async function liveUpdates(
  scenario: Scenario,
  events: number,
  admin: SignedIn,
  member: SignedIn,
  tenantId: string,
  roomId: string,
): Promise<Round> {
  const sockets: Socket[] = [];
  for (let i = 0; i < socketCount; i += 50) {
    const batch = Array.from({ length: Math.min(50, socketCount - i) }, (_, k) =>
      connect(member, replicaOf(scenario, i + k)),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  say(`${scenario}: ${sockets.length} sockets connected`);
  const latencies: number[] = [];
  const cpu = cpuSeconds();
  for (let e = 0; e < events; e++) {
    let heard = 0;
    let sentAt = 0;
    const all = new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.once('room.changed', () => {
          latencies.push(performance.now() - sentAt);
          if (++heard === sockets.length) resolve();
        });
      }
    });
    sentAt = performance.now();
    const renamed = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${roomId}`, {
      method: 'PATCH',
      body: JSON.stringify({ topic: `Runde ${scenario} ${e}` }),
      headers: replicaOf(scenario, e),
    });
    await json(renamed, 200, 'rename');
    await Promise.race([all, sleep(30_000)]);
    if (heard < sockets.length)
      throw new Error(`${scenario}: event ${e} reached ${heard} of ${sockets.length} sockets`);
  }
  const cpuUsed = cpuSeconds() - cpu;
  for (const socket of sockets) socket.disconnect();
  return { latencies, cpuUsed };
}

async function coEditing(
  scenario: Scenario,
  round: number,
  updates: number,
  sessions: SignedIn[],
  documents: string[],
): Promise<Round> {
  const editors: { client: CollabClient; document: number }[] = [];
  for (let i = 0; i < editorCount; i++) {
    const document = i % documents.length;
    const client = openCollabClient(sessions[i % sessions.length], documents[document]!, base, replicaOf(scenario, i));
    editors.push({ client, document });
  }
  const outcomes = await Promise.all(editors.map((e) => e.client.outcome));
  if (outcomes.some((o) => o !== 'read-write'))
    throw new Error(`${scenario}: an editor was refused: ${outcomes.join()}`);
  say(`${scenario}: ${editors.length} editors on ${documents.length} documents`);
  const latencies: number[] = [];
  const cpu = cpuSeconds();
  for (let u = 0; u < updates; u++) {
    const writer = editors[u % editors.length]!;
    const others = editors.filter((e) => e.document === writer.document && e !== writer);
    const marker = `${scenario}-r${round}-${u}`;
    const started = performance.now();
    writer.client.write(marker);
    const deadline = started + 30_000;
    while (!others.every((o) => o.client.paragraphs().includes(marker))) {
      if (performance.now() > deadline) throw new Error(`${scenario}: update ${u} did not reach every editor`);
      await sleep(1);
    }
    latencies.push(performance.now() - started);
  }
  const cpuUsed = cpuSeconds() - cpu;
  for (const e of editors) e.client.close();
  return { latencies, cpuUsed };
}

/** A Matrix client-server call with an account's token, through the proxy the browsers use. */
async function matrix<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env('MATRIX_HOMESERVER_URL')}/_matrix/client/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return json<T>(response, 200, `${method} ${path.split('?')[0]}`);
}

interface SyncBody {
  next_batch: string;
  rooms?: { join?: Record<string, { timeline?: { events?: { content?: { session_id?: string } }[] } }> };
}

/** Messages shaped as the web chat sends them in an encrypted room (Synapse sees ciphertext only). */
function encryptedMessage(marker: string) {
  return {
    algorithm: 'm.megolm.v1.aes-sha2',
    sender_key: 'c2NhbGUtYmVuY2gtc2VuZGVyLWtleS1vZi0zMi1ieXRlcw',
    device_id: 'SCALEBENCH',
    session_id: marker,
    ciphertext: Buffer.from(`${marker} `.repeat(24)).toString('base64'),
  };
}

async function chat(
  scenario: Scenario,
  messages: number,
  sender: string,
  reader: string,
  matrixRoomId: string,
): Promise<Round> {
  const room = encodeURIComponent(matrixRoomId);
  const filter = encodeURIComponent(
    JSON.stringify({ presence: { types: [] }, account_data: { types: [] }, room: { rooms: [matrixRoomId] } }),
  );
  let since = (await matrix<SyncBody>(reader, 'GET', `/sync?filter=${filter}&timeout=0`)).next_batch;
  const heard = new Map<string, number>();
  let reading = true;
  const loop = (async () => {
    while (reading) {
      const body = await matrix<SyncBody>(reader, 'GET', `/sync?filter=${filter}&timeout=5000&since=${since}`);
      const now = performance.now();
      since = body.next_batch;
      for (const event of body.rooms?.join?.[matrixRoomId]?.timeline?.events ?? []) {
        const marker = event.content?.session_id;
        if (marker !== undefined && !heard.has(marker)) heard.set(marker, now);
      }
    }
  })();
  const latencies: number[] = [];
  const cpu = cpuSeconds();
  for (let m = 0; m < messages; m++) {
    const marker = `${scenario}-${m}-${Date.now()}`;
    const started = performance.now();
    await matrix(sender, 'PUT', `/rooms/${room}/send/m.room.encrypted/${marker}`, encryptedMessage(marker));
    const deadline = started + 30_000;
    while (!heard.has(marker)) {
      if (performance.now() > deadline) throw new Error(`${scenario}: message ${m} did not reach the reader`);
      await sleep(1);
    }
    latencies.push(heard.get(marker)! - started);
  }
  const cpuUsed = cpuSeconds() - cpu;
  reading = false;
  await loop;
  return { latencies, cpuUsed };
}

const admin = await signInDemo('amelie.admin');
const member = await signInDemo('bernd.beispiel');
const tenantId = admin.actor.tenantId!;
const room = await json<{ id: string }>(
  await fetchAs(admin, `/api/tenants/${tenantId}/rooms`, {
    method: 'POST',
    body: JSON.stringify({ name: `Last ${Date.now()}` }),
  }),
  201,
  'room',
);
const added = await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/members/${member.actor.userId}`, {
  method: 'PUT',
  body: JSON.stringify({ role: 'member' }),
});
if (added.status !== 204) throw new Error(`member: HTTP ${added.status}`);
const documents: string[] = [];
for (let d = 0; d < documentCount; d++) {
  const text = await json<{ id: string }>(
    await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}/documents/texts`, {
      method: 'POST',
      body: JSON.stringify({ name: `Text ${d}`, parentId: null }),
    }),
    201,
    'text',
  );
  documents.push(text.id);
}
// Let the room's own jobs (its Matrix room, the notices) finish before anything is measured.
await sleep(5000);
let matrixRoomId: string | null = null;
for (let tries = 0; matrixRoomId === null; tries++) {
  if (tries === 60) throw new Error('the room has no Matrix room after a minute');
  const shown = await json<{ matrixRoomId: string | null }>(
    await fetchAs(admin, `/api/tenants/${tenantId}/rooms/${room.id}`),
    200,
    'room',
  );
  matrixRoomId = shown.matrixRoomId;
  if (matrixRoomId === null) await sleep(1000);
}
// Both people's chat accounts, as the workspace made them (the name as Synapse maps a sign-in).
const chatToken = async (s: SignedIn) =>
  (await adminLoginAs(`@${s.actor.username.toLowerCase()}:${env('MATRIX_SERVER_NAME')}`)).accessToken;
const [sender, reader] = [await chatToken(admin), await chatToken(member)];

// The machine's other load drifts during a run: the scenarios take turns in the order one, two,
// two, one, each round with half of the operations, so a drift that rises or falls steadily
// weighs on both alike. Each round's machine load (1-minute average) is kept beside its figures.
const half = (n: number, first: boolean) => (first ? Math.ceil(n / 2) : Math.floor(n / 2));
const phases = ['live', 'editing', 'chat'] as const;
type Phase = (typeof phases)[number];
const collected = {
  one: { live: [] as Round[], editing: [] as Round[], chat: [] as Round[], load: [] as number[] },
  two: { live: [] as Round[], editing: [] as Round[], chat: [] as Round[], load: [] as number[] },
};
const rounds: Scenario[] = ['one', 'two', 'two', 'one'];
for (const [round, scenario] of rounds.entries()) {
  const first = rounds.indexOf(scenario) === round;
  const c = collected[scenario];
  c.load.push(os.loadavg()[0]!);
  c.live.push(await liveUpdates(scenario, half(eventCount, first), admin, member, tenantId, room.id));
  c.editing.push(await coEditing(scenario, round, half(updateCount, first), [admin, member], documents));
  c.chat.push(await chat(scenario, half(messageCount, first), sender, reader, matrixRoomId));
  c.load.push(os.loadavg()[0]!);
  say(`round ${round + 1} (${scenario}) done, load ${c.load.at(-1)!.toFixed(1)}`);
}
const summary = (r: Round[]) => {
  const latencies = r.flatMap((x) => x.latencies);
  return {
    count: latencies.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    cpuUsed: r.reduce((sum, x) => sum + x.cpuUsed, 0),
  };
};
const results = Object.fromEntries(
  (['one', 'two'] as const).map((scenario) => {
    const c = collected[scenario];
    const phaseResults = Object.fromEntries(phases.map((phase: Phase) => [phase, summary(c[phase])]));
    return [scenario, { ...phaseResults, load: c.load.reduce((a, b) => a + b, 0) / c.load.length }];
  }),
);
say(JSON.stringify(results));
fs.writeFileSync(
  env('BENCH_RESULT'),
  JSON.stringify({ socketCount, eventCount, editorCount, documentCount, updateCount, messageCount, results }),
);
process.exit(0);
