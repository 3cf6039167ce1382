/**
 * The editors of `npm run bench:docs` (deploy/local/commands/benchDocs.mjs), the first part, run
 * against the running bench stack's backend over its HTTP API, as a tenant admin would: nothing
 * here is timed. In the demo tenant, Amelie (tenant admin) imports BENCH_EDITORS − 1 people,
 * waits until Keycloak and Synapse have them, makes a room with all of them as members and one
 * text document in its library; every person then gets a password (as an operator would set
 * it in Keycloak) and signs in the way a browser does. The sessions (cookies), the document and
 * the collaboration address go as JSON to BENCH_RESULT, for client/bench/docsLatency.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../test/support/signIn.js';
import { benchEnv, say, seconds, sleep } from './support.js';

const env = benchEnv('bench:docs');
const editorCount = Number(env('BENCH_EDITORS', '50'));
if (editorCount < 2) throw new Error('BENCH_EDITORS must be at least 2: an update needs a sender and a receiver');
const run = randomBytes(3).toString('hex');
const timeoutMs = 300_000;

async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Polls `read` until `holds`, or fails after `timeoutMs` naming `what`. */
async function until<T>(what: string, read: () => Promise<T>, holds: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${seconds(timeoutMs)}; last: ${JSON.stringify(value)}`);
    await sleep(500);
  }
}

interface PersonBody {
  id: string;
  username: string;
  sync: { state: string; error: string | null };
}

const began = Date.now();
const admin = await signInDemo('amelie.admin');
const tenantId = admin.actor.tenantId;
if (!tenantId) throw new Error('amelie.admin has no tenant: is the demo tenant seeded?');
const api = `/api/tenants/${tenantId}`;

// The other editors: imported members of the demo tenant, provisioned by the product's worker.
const csv = [
  'email,firstName,lastName,role,username',
  ...Array.from(
    { length: editorCount - 1 },
    (_, i) => `docs.${run}.${i}@demo.example,Erika,Editor ${i},member,docs-${run}-${i}`,
  ),
].join('\n');
const report = await json<{ created: string[]; problems: unknown[] }>(
  await fetchAs(admin, `${api}/people/import`, { method: 'POST', body: JSON.stringify({ csv, dryRun: false }) }),
  200,
  'import',
);
if (report.created.length !== editorCount - 1) {
  throw new Error(`the import created ${report.created.length} people: ${JSON.stringify(report.problems)}`);
}
const created = new Set(report.created);
const people = await until(
  `${created.size} imported people not provisioned`,
  async () =>
    (await json<{ people: PersonBody[] }>(await fetchAs(admin, `${api}/people`), 200, 'people')).people.filter((p) =>
      created.has(p.id),
    ),
  (list) => {
    if (list.some((p) => p.sync.state === 'failed')) throw new Error('a person failed to provision');
    return list.length === created.size && list.every((p) => p.sync.state === 'done');
  },
);
say(`${people.length} people imported and provisioned (${seconds(Date.now() - began)})`);

const room = await json<{ id: string }>(
  await fetchAs(admin, `${api}/rooms`, { method: 'POST', body: JSON.stringify({ name: `Dokumente ${run}` }) }),
  201,
  'room',
);
for (const person of people) {
  await json(
    await fetchAs(admin, `${api}/rooms/${room.id}/members/${person.id}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    }),
    204,
    'member',
  );
}
// The room's Matrix side settles first (three polls in a row see it done), so no outbox job of it
// runs while the editors are timed.
for (let seen = 0; seen < 3; seen++) {
  await until(
    'the room was not synced',
    async () => json<{ sync: { state: string } }>(await fetchAs(admin, `${api}/rooms/${room.id}`), 200, 'room state'),
    (r) => {
      if (r.sync.state === 'failed') throw new Error('the room failed to sync');
      return r.sync.state === 'done';
    },
  );
  await sleep(1000);
}
const text = await json<{ id: string; kind: string }>(
  await fetchAs(admin, `${api}/rooms/${room.id}/documents/texts`, {
    method: 'POST',
    body: JSON.stringify({ name: `Protokoll ${run}`, parentId: null }),
  }),
  201,
  'text document',
);
if (text.kind !== 'text') throw new Error(`the new entry is a ${text.kind}, not a text`);
say(`room with ${editorCount} members and text document ${text.id} (${seconds(Date.now() - began)})`);

// Passwords as an operator sets them in Keycloak; then each person signs in as a browser does.
const keycloak = new KeycloakTestAdmin();
const password = `Bench-${randomBytes(9).toString('base64url')}`;
const editors: SignedIn[] = [admin];
for (const person of people) {
  await keycloak.call('PUT', `/users/${await keycloak.userId(person.username)}/reset-password`, {
    type: 'password',
    value: password,
    temporary: false,
  });
  editors.push(await signIn(person.username, password));
}
say(`${editors.length} editors signed in (${seconds(Date.now() - began)})`);

const publicUrl = new URL(env('PUBLIC_URL'));
fs.writeFileSync(
  env('BENCH_RESULT'),
  JSON.stringify(
    {
      origin: publicUrl.origin,
      collabUrl: `${publicUrl.protocol === 'https:' ? 'wss' : 'ws'}://${publicUrl.host}/collab`,
      entryId: text.id,
      editors: editors.map((e) => ({ cookie: e.cookie, id: e.actor.userId, name: e.actor.displayName })),
    },
    null,
    2,
  ),
  { mode: 0o600 },
);
