/**
 * Provisioning benchmark, run by `npm run bench:provision` (deploy/local/commands/benchProvision.mjs)
 * with the bench stack's environment. In one run against the same Keycloak and Synapse:
 *
 * - product: a tenant created with the command, BENCH_USERS people imported with `importPeople`
 *   into a fresh SQLite database, an OutboxWorker with the real adapters running until every
 *   person's sync is `done`; wall time from the import call to the last person done;
 * - baseline A: the bare Keycloak admin REST calls (create user, add to organization), sequential;
 * - baseline B: A plus the bare Matrix calls (register, display name, invite and join the space),
 *   sequential — what the product does, like for like;
 * - baseline C: B's calls with the product's concurrency.
 *
 * Each phase provisions its own users into its own organization (and space), and each one checks
 * at the end that Keycloak (and Synapse) hold exactly the users it made: a phase that did not do
 * the work fails the run. The figures go as JSON to BENCH_RESULT.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { KeycloakDirectory } from '../src/adapters/keycloak/index.js';
import { MatrixChatRooms } from '../src/adapters/matrix/index.js';
import { importPeople, type ImportRow } from '../src/commands/people/peopleImporter.js';
import { provisioningHandlers } from '../src/commands/provisioning/provisioningHandlers.js';
import { systemActor } from '../src/domain/actor.js';
import { createTenant } from '../src/commands/tenants/tenantCreator.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { jobQueue } from '../src/db/outboxRepository.js';
import { createStore } from '../src/db/store.js';
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

const env = benchEnv('bench:provision');

const config = loadConfig({ ...process.env, DATABASE_URL: `sqlite:${env('BENCH_DATABASE')}` });
const benchAsToken = env('MATRIX_HARNESS_AS_TOKEN');
const users = Number(env('BENCH_USERS', '1000'));
const warmupUsers = Number(env('BENCH_WARMUP_USERS', '50'));
const concurrency = config.OUTBOX_CONCURRENCY;
const run = randomBytes(3).toString('hex');
const realm = config.KEYCLOAK_REALM;
const kcAdmin = `${config.KEYCLOAK_URL}/admin/realms/${encodeURIComponent(realm)}`;
const matrixApi = `${config.MATRIX_HOMESERVER_URL}/_matrix/client/v3`;
const serverName = config.MATRIX_SERVER_NAME;

// Every HTTP request of the process, counted by server, to report requests per person.
const requests = countRequests();
const countsNow = () => ({
  keycloak: requests(config.KEYCLOAK_URL),
  synapse: requests(config.MATRIX_HOMESERVER_URL),
});

// CPU time of Keycloak, Synapse and this process per phase: where the time goes.
const cpu: Record<string, CpuSeconds> = {};

// ---------------------------------------------------------------------------------------------
// Bare calls: plain fetch, one client-credentials token, nothing looked up that is not needed.

let token: { value: string; renewAt: number } | undefined;
async function accessToken(): Promise<string> {
  if (token && Date.now() < token.renewAt) return token.value;
  const basic = Buffer.from(
    `${encodeURIComponent(config.KEYCLOAK_CLIENT_ID)}:${encodeURIComponent(config.KEYCLOAK_CLIENT_SECRET)}`,
  ).toString('base64');
  const response = await fetch(`${config.KEYCLOAK_URL}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`token request: HTTP ${response.status}`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  token = { value: body.access_token, renewAt: Date.now() + (body.expires_in - 30) * 1000 };
  return token.value;
}

async function expectOk(what: string, response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

async function keycloak(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(kcAdmin + path, {
    method,
    headers: {
      Authorization: `Bearer ${await accessToken()}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return expectOk(`${method} ${path}`, response);
}

async function matrix(method: string, path: string, body: unknown, asUser?: string): Promise<unknown> {
  const url = new URL(matrixApi + path);
  if (asUser !== undefined) url.searchParams.set('user_id', asUser);
  const response = await fetch(url, {
    method,
    // The benchmark's own application service (appservice-harness.yaml.tmpl): the workspace's acts as no one.
    headers: { Authorization: `Bearer ${benchAsToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await expectOk(`${method} ${path}`, response);
  return response.json();
}

const idFromLocation = (response: Response): string => {
  const location = response.headers.get('location');
  const id = location?.split('/').pop();
  if (!id) throw new Error('Keycloak answered without a Location');
  return id;
};

async function bareOrganization(alias: string): Promise<string> {
  const created = await keycloak('POST', '/organizations', {
    name: alias,
    alias,
    enabled: true,
    domains: [{ name: `${alias}.example`, verified: false }],
  });
  await created.body?.cancel();
  return idFromLocation(created);
}

async function bareSpace(name: string): Promise<string> {
  const body = (await matrix('POST', '/createRoom', {
    preset: 'private_chat',
    visibility: 'private',
    name,
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    creation_content: { type: 'm.space' },
  })) as { room_id: string };
  return body.room_id;
}

interface BareTarget {
  prefix: string;
  orgId: string;
  spaceId?: string;
}

/** One user the bare way: Keycloak user and membership; with a space, the Matrix account and its join too. */
async function bareUser(target: BareTarget, i: number): Promise<void> {
  const username = `${target.prefix}-${i}`;
  const created = await keycloak('POST', '/users', {
    username,
    email: `${username}@${target.prefix}.example`,
    firstName: 'Bea',
    lastName: `Bench ${i}`,
    enabled: true,
  });
  await created.body?.cancel();
  const member = await keycloak('POST', `/organizations/${target.orgId}/members`, idFromLocation(created));
  await member.body?.cancel();
  if (target.spaceId === undefined) return;
  const userId = `@${username}:${serverName}`;
  const room = encodeURIComponent(target.spaceId);
  await matrix('POST', '/register', { type: 'm.login.application_service', username, inhibit_login: true });
  await matrix('PUT', `/profile/${encodeURIComponent(userId)}/displayname`, { displayname: `Bea Bench ${i}` }, userId);
  await matrix('POST', `/rooms/${room}/invite`, { user_id: userId });
  await matrix('POST', `/rooms/${room}/join`, {}, userId);
}

async function organizationMembers(orgId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let first = 0; ; first += 500) {
    const response = await keycloak(
      'GET',
      `/organizations/${orgId}/members?first=${first}&max=500&briefRepresentation=true`,
    );
    const page = (await response.json()) as { id: string }[];
    for (const member of page) ids.add(member.id);
    if (page.length < 500) return ids;
  }
}

async function joinedMembers(spaceId: string): Promise<Set<string>> {
  const body = (await matrix('GET', `/rooms/${encodeURIComponent(spaceId)}/joined_members`, undefined)) as {
    joined: Record<string, unknown>;
  };
  return new Set(Object.keys(body.joined));
}

/** A bare phase: its own organization (and space), `count` users, then a check that they all exist. */
async function barePhase(name: string, count: number, lanes: number, withMatrix: boolean): Promise<number> {
  const prefix = `bench-${name}-${run}`;
  const target: BareTarget = { prefix, orgId: await bareOrganization(prefix) };
  if (withMatrix) target.spaceId = await bareSpace(prefix);
  const cpuStart = cpuNow();
  const ms = await timed(count, lanes, (i) => bareUser(target, i));
  cpu[name] = cpuSince(cpuStart);
  const members = await organizationMembers(target.orgId);
  if (members.size !== count) throw new Error(`${name}: the organization has ${members.size} members, not ${count}`);
  if (target.spaceId !== undefined) {
    const joined = await joinedMembers(target.spaceId);
    for (let i = 0; i < count; i++) {
      if (!joined.has(`@${prefix}-${i}:${serverName}`)) throw new Error(`${name}: user ${i} is not in the space`);
    }
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// The product: command, outbox, worker, real adapters.

async function productPhase() {
  const file = env('BENCH_DATABASE');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const db = openDatabase(`sqlite:${file}`);
  await migrateToLatest(db);
  const store = createStore(db);
  const identity = new KeycloakDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  });
  const chat = new MatrixChatRooms({
    homeserverUrl: config.MATRIX_HOMESERVER_URL,
    serverName,
    asToken: config.MATRIX_AS_TOKEN,
    senderLocalpart: config.MATRIX_AS_SENDER_LOCALPART,
    adminToken: config.MATRIX_ADMIN_TOKEN,
  });
  const provisioning = provisioningHandlers({ store, identity, chat });
  const logger = pino({ level: config.LOG_LEVEL }, pino.destination({ dest: env('BENCH_LOG'), sync: false }));
  const worker = new OutboxWorker({
    queue: jobQueue(db),
    handlers: provisioning.handlers,
    onFailed: provisioning.onFailed,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    concurrency,
  });
  const ctx = () => ({ actor: systemActor, requestId: null, now: Date.now() });

  // The tenant, its organization, space and first admin exist before the import, as in use.
  const slug = `bench-${run}`;
  const domain = `${slug}.example`;
  const { tenantId, adminId } = await createTenant(store, ctx(), {
    slug,
    name: `Bench ${run}`,
    emailDomains: [domain],
    firstAdmin: { email: `leitung@${domain}`, username: `${slug}-leitung`, firstName: 'Lea', lastName: 'Leitung' },
  });
  worker.start();
  for (;;) {
    const [tenant, admin] = await Promise.all([
      store.read.tenants.findById(tenantId),
      store.read.people.findById(adminId),
    ]);
    if (tenant?.sync === 'failed' || admin?.sync === 'failed') throw new Error('the tenant could not be provisioned');
    if (tenant?.sync === 'done' && admin?.sync === 'done') break;
    await sleep(100);
  }

  const rows: ImportRow[] = Array.from({ length: users }, (_, i) => ({
    line: i + 2,
    email: `person.${i}@${domain}`,
    firstName: 'Per',
    lastName: `Son ${i}`,
    role: 'member',
    username: `${slug}-p${i}`,
  }));
  const before = countsNow();
  const cpuStart = cpuNow();
  const startedAt = Date.now();
  const began = performance.now();
  const report = await importPeople(store, ctx(), tenantId, rows, false);
  const importMs = performance.now() - began;
  if (report.created.length !== users) {
    throw new Error(
      `the import created ${report.created.length} people, not ${users}: ${JSON.stringify(report.problems.slice(0, 3))}`,
    );
  }
  const imported = new Set(report.created);

  let lastReport = Date.now();
  for (;;) {
    const counts = await db
      .selectFrom('people')
      .select(['sync', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('id', '!=', adminId)
      .groupBy('sync')
      .execute();
    const by = Object.fromEntries(counts.map((c) => [c.sync, Number(c.n)]));
    if ((by.failed ?? 0) > 0) throw new Error(`${by.failed} people failed to provision; see ${env('BENCH_LOG')}`);
    if ((by.done ?? 0) === users) break;
    if (Date.now() - lastReport > 15_000) {
      say(`product: ${by.done ?? 0} of ${users} done after ${Math.round((Date.now() - startedAt) / 1000)} s`);
      lastReport = Date.now();
    }
    // The time of the last person done is read from the rows, so this may poll slowly.
    await sleep(500);
  }
  const last = await db
    .selectFrom('people')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('tenant_id', '=', tenantId)
    .where('id', '!=', adminId)
    .executeTakeFirstOrThrow();
  cpu.product = cpuSince(cpuStart);
  const productMs = Number(last.at) - startedAt;
  const after = countsNow();
  await worker.stop();

  const retried = await db
    .selectFrom('outbox_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('attempts', '>', 1)
    .where('created_at', '>=', startedAt)
    .executeTakeFirstOrThrow();

  // Did it do the work? Exactly the admin and the imported people are members of the organization,
  // and every imported person has joined the space.
  const links = await store.read.tenants.links(tenantId);
  const people = await db
    .selectFrom('people')
    .select(['id', 'subject', 'matrix_user_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const members = await organizationMembers(links!.keycloakOrgId!);
  const subjects = new Set(people.filter((p) => imported.has(p.id)).map((p) => p.subject));
  const newMembers = [...members].filter((id) => subjects.has(id));
  if (members.size !== users + 1 || newMembers.length !== users) {
    throw new Error(
      `Keycloak's organization has ${members.size} members, ${newMembers.length} of them imported; expected ${users} + the admin`,
    );
  }
  const joined = await joinedMembers(links!.matrixSpaceId!);
  const missing = people.filter((p) => imported.has(p.id) && !joined.has(p.matrix_user_id ?? ''));
  if (missing.length > 0) throw new Error(`${missing.length} imported people have not joined the tenant's space`);

  await db.destroy();
  return {
    importMs,
    productMs,
    retriedJobs: Number(retried.n),
    keycloakRequestsPerPerson: (after.keycloak - before.keycloak) / users,
    synapseRequestsPerPerson: (after.synapse - before.synapse) / users,
  };
}

// ---------------------------------------------------------------------------------------------

// BENCH_PHASES (e.g. "product") runs some phases only, to try a change quickly against a running
// stack; the launcher always runs them all.
const phases = new Set(env('BENCH_PHASES', 'warmup,a,b,product,c').split(','));
const skipped = NaN;

say(`${users} users per phase, concurrency ${concurrency}, run ${run}`);
if (warmupUsers > 0 && phases.has('warmup')) {
  await barePhase('warmup', warmupUsers, 1, true);
  say(`warm-up: ${warmupUsers} users the bare way (not timed)`);
}
// The machine's mean load average during each phase: other programs on the machine slow every phase.
const load: Record<string, number> = {};
async function phaseUnderLoad<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const { value, load: mean } = await underLoad(work);
  load[phase] = mean;
  return value;
}
const baselineAMs = phases.has('a') ? await phaseUnderLoad('a', () => barePhase('a', users, 1, false)) : skipped;
say(`baseline A (bare Keycloak, sequential): ${seconds(baselineAMs)}`);
const baselineBMs = phases.has('b') ? await phaseUnderLoad('b', () => barePhase('b', users, 1, true)) : skipped;
say(`baseline B (bare Keycloak + Matrix, sequential): ${seconds(baselineBMs)}`);
const product = phases.has('product') ? await phaseUnderLoad('product', productPhase) : undefined;
if (product) say(`product (import ${seconds(product.importMs)}, then the outbox): ${seconds(product.productMs)}`);
const ratio = (ms: number) => ((product?.productMs ?? NaN) / ms).toFixed(2);
say(`product ÷ A ${ratio(baselineAMs)}, product ÷ B ${ratio(baselineBMs)}`);
const baselineCMs = phases.has('c')
  ? await phaseUnderLoad('c', () => barePhase('c', users, concurrency, true))
  : skipped;
say(`baseline C (bare Keycloak + Matrix, concurrency ${concurrency}): ${seconds(baselineCMs)}`);

fs.writeFileSync(
  env('BENCH_RESULT'),
  JSON.stringify(
    {
      users,
      concurrency,
      pollMs: config.OUTBOX_POLL_MS,
      warmupUsers,
      ...product,
      baselineAMs,
      baselineBMs,
      baselineCMs,
      load,
      cpu,
    },
    null,
    2,
  ),
);
