import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakDirectory, KeycloakError } from '../../src/adapters/keycloak/index.js';
import { stackEnv } from '../support/stackEnv.js';

// Runs against the real Keycloak of the test stack. Names are unique per run,
// and what the run created is removed afterwards.

const run = randomUUID().slice(0, 8);
const SEEDED_MEMBERS = ['amelie.admin', 'bernd.beispiel', 'gabi.gast', 'paula.plattform'];

let target: { baseUrl: string; managementUrl: string; realm: string; clientId: string; clientSecret: string };
let directory: KeycloakDirectory;
const createdUserIds = new Set<string>();
const createdOrganizationIds = new Set<string>();

beforeAll(() => {
  target = {
    baseUrl: stackEnv('KEYCLOAK_URL'),
    managementUrl: stackEnv('KEYCLOAK_MANAGEMENT_URL'),
    realm: stackEnv('KEYCLOAK_REALM'),
    clientId: stackEnv('KEYCLOAK_CLIENT_ID'),
    clientSecret: stackEnv('KEYCLOAK_CLIENT_SECRET'),
  };
  directory = new KeycloakDirectory(target);
});

afterAll(async () => {
  if (target === undefined || (createdUserIds.size === 0 && createdOrganizationIds.size === 0)) return;
  const admin = new KeycloakAdminClient({ baseUrl: target.baseUrl, realmName: target.realm });
  admin.setAccessToken(await serviceAccountToken());
  for (const id of createdOrganizationIds) await admin.organizations.delById({ id });
  for (const id of createdUserIds) await admin.users.del({ id });
});

/** Access token of the backend's service account, for cleaning up after the run. */
async function serviceAccountToken(): Promise<string> {
  const response = await fetch(`${target.baseUrl}/realms/${target.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: target.clientId,
      client_secret: target.clientSecret,
    }),
  });
  const body = (await response.json()) as { access_token?: unknown };
  if (!response.ok || typeof body.access_token !== 'string')
    throw new Error(`token request failed: HTTP ${response.status}`);
  return body.access_token;
}

/** A local port on which nothing listens (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

function newUser(name: string, marker = `person-${run}-${name}`) {
  const username = `it-${run}-${name}`;
  return { username, email: `${username}@it-${run}.example`, firstName: 'Ina', lastName: `Test ${name}`, marker };
}

/** An account made in Keycloak without the workspace (by an operator, for another system). */
async function foreignAccount(name: string): Promise<{ id: string; username: string }> {
  const admin = new KeycloakAdminClient({ baseUrl: target.baseUrl, realmName: target.realm });
  admin.setAccessToken(await serviceAccountToken());
  const username = `it-${run}-${name}`;
  const { id } = await admin.users.create({
    username,
    email: `${username}@elsewhere-${run}.example`,
    firstName: 'Fremd',
    lastName: 'Konto',
    enabled: true,
  });
  createdUserIds.add(id);
  return { id, username };
}

describe('KeycloakDirectory users', () => {
  it('creates a user and reads it back by id and by username', async () => {
    const { marker, ...wanted } = newUser('create');
    const created = await directory.ensureUser({ ...wanted, marker });
    createdUserIds.add(created.id);

    expect(created).toEqual({
      id: expect.any(String),
      ...wanted,
      enabled: true,
      workspaceMarker: marker,
      created: true,
    });
    const { created: _made, ...stored } = created;
    expect(await directory.findUserById(created.id)).toEqual(stored);
    expect(await directory.findUserByUsername(wanted.username)).toEqual(stored);
  });

  it('returns the same user when ensured again, also when two calls race', async () => {
    const wanted = newUser('again');
    const first = await directory.ensureUser(wanted);
    createdUserIds.add(first.id);

    const second = await directory.ensureUser(wanted);
    const racing = await Promise.all([directory.ensureUser(newUser('race')), directory.ensureUser(newUser('race'))]);
    for (const user of racing) createdUserIds.add(user.id);

    expect(second.id).toBe(first.id);
    expect(racing[0].id).toBe(racing[1].id);
  });

  it('disables a user and leaves the other fields as they were', async () => {
    const { created: _made, ...user } = await directory.ensureUser(newUser('disable'));
    createdUserIds.add(user.id);

    await directory.setUserEnabled(user.id, false);
    expect(await directory.findUserById(user.id)).toEqual({ ...user, enabled: false });

    await directory.setUserEnabled(user.id, false);
    expect((await directory.findUserById(user.id))?.enabled).toBe(false);
  });

  it('never takes over an account found by its name: one it did not make is refused and left as it was', async () => {
    const foreign = await foreignAccount('foreign');
    const before = await directory.findUserById(foreign.id);
    const failure = await directory
      .ensureUser({ ...newUser('foreign'), username: foreign.username })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      kind: 'conflict',
      retryable: false,
      details: { code: 'account-clash', system: 'keycloak' },
    });
    expect(before?.workspaceMarker).toBeUndefined();
    expect(await directory.findUserById(foreign.id)).toEqual(before);
  });

  it('refuses an account the workspace made for another person', async () => {
    const first = await directory.ensureUser(newUser('owned', `person-${run}-a`));
    createdUserIds.add(first.id);
    const failure = await directory.ensureUser(newUser('owned', `person-${run}-b`)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ details: { code: 'account-clash' } });
    expect((await directory.findUserById(first.id))?.workspaceMarker).toBe(`person-${run}-a`);
  });

  it('takes over an unmarked account only when told to, and marks it then', async () => {
    const shipped = await foreignAccount('shipped');
    const adopted = await directory.ensureUser({
      ...newUser('shipped'),
      username: shipped.username,
      adoptUnmarked: true,
    });
    expect(adopted.id).toBe(shipped.id);
    expect((await directory.findUserById(shipped.id))?.workspaceMarker).toBe(`person-${run}-shipped`);
    expect((await directory.findUserById(shipped.id))?.email).toBe(`${shipped.username}@elsewhere-${run}.example`);
  });

  it('answers undefined for unknown users', async () => {
    expect(await directory.findUserById(randomUUID())).toBeUndefined();
    expect(await directory.findUserByUsername(`it-${run}-nobody`)).toBeUndefined();
  });

  it('refuses to change an unknown user with a non-retryable error', async () => {
    const failure = await directory.setUserEnabled(randomUUID(), false).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeycloakError);
    expect(failure).toMatchObject({ status: 404, retryable: false });
  });
});

describe('KeycloakDirectory organizations', () => {
  it('creates an organization once and returns it when ensured again', async () => {
    const alias = `it-${run}-org`;
    const wanted = { name: `Testbehörde ${run}`, alias, domains: [`${alias}.example`] };

    const first = await directory.ensureOrganization(wanted);
    createdOrganizationIds.add(first.id);
    const second = await directory.ensureOrganization(wanted);

    expect(first).toEqual({ id: expect.any(String), ...wanted });
    expect(second.id).toBe(first.id);
    expect(await directory.findOrganizationByAlias(alias)).toEqual(first);
    expect(await directory.findOrganizationByAlias(`it-${run}-none`)).toBeUndefined();
  });

  it('adds a member once, however often it is asked to', async () => {
    const alias = `it-${run}-members`;
    const org = await directory.ensureOrganization({
      name: `Mitgliederamt ${run}`,
      alias,
      domains: [`${alias}.example`],
    });
    createdOrganizationIds.add(org.id);
    const user = await directory.ensureUser(newUser('member'));
    createdUserIds.add(user.id);

    await directory.addOrganizationMember(org.id, user.id);
    await directory.addOrganizationMember(org.id, user.id);

    expect(await directory.listOrganizationMemberIds(org.id)).toEqual([user.id]);
  });

  it('knows the seeded demo organization and its members', async () => {
    const demo = await directory.findOrganizationByAlias('demo');
    expect(demo).toMatchObject({ alias: 'demo', name: 'Demo-Behörde', domains: ['demo.example'] });
    if (demo === undefined) return;

    const memberIds = await directory.listOrganizationMemberIds(demo.id);
    const usernames = await Promise.all(memberIds.map(async (id) => (await directory.findUserById(id))?.username));
    expect(usernames).toEqual(expect.arrayContaining(SEEDED_MEMBERS));
  });
});

describe('KeycloakDirectory health and failures', () => {
  it('reports up against the running server', async () => {
    const health = await directory.check();
    expect(health).toMatchObject({ status: 'up' });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(directory.part).toBe('keycloak');
  });

  it('reports down with the cause when nothing listens', async () => {
    const closedPort = await freePort();
    const refused = await new KeycloakDirectory({ ...target, baseUrl: `http://127.0.0.1:${closedPort}` }).check();
    expect(refused).toMatchObject({ status: 'down', detail: `connection refused at http://127.0.0.1:${closedPort}` });

    // Port 1 never answers either; fetch refuses it before connecting, and the detail says so.
    const portOne = await new KeycloakDirectory({
      ...target,
      baseUrl: 'http://127.0.0.1:1',
      managementUrl: undefined,
    }).check();
    expect(portOne.status).toBe('down');
    expect(portOne.detail).toBe('http://127.0.0.1:1 uses a port that fetch refuses to connect to (blocked port)');
  });

  it('reports down when the management interface does not answer', async () => {
    const closedPort = await freePort();
    const health = await new KeycloakDirectory({ ...target, managementUrl: `http://127.0.0.1:${closedPort}` }).check();
    expect(health).toMatchObject({ status: 'down', detail: `connection refused at http://127.0.0.1:${closedPort}` });
  });

  it('reports down when the realm does not exist', async () => {
    const health = await new KeycloakDirectory({ ...target, realm: `missing-${run}` }).check();
    expect(health).toMatchObject({
      status: 'down',
      detail: `realm missing-${run} not found at ${target.baseUrl.replace(/\/+$/, '')}`,
    });
  });

  it('fails retryably when Keycloak cannot be reached', async () => {
    const closedPort = await freePort();
    const nowhere = new KeycloakDirectory({ ...target, baseUrl: `http://127.0.0.1:${closedPort}` });
    const failure = await nowhere.findUserByUsername('amelie.admin').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeycloakError);
    expect(failure).toMatchObject({ status: undefined, retryable: true });
    expect((failure as Error).message).toContain(`connection refused at http://127.0.0.1:${closedPort}`);
  });

  it('fails without retry and without the secret when the client secret is wrong', async () => {
    const wrongSecret = `wrong-${randomUUID()}`;
    const failure = await new KeycloakDirectory({ ...target, clientSecret: wrongSecret })
      .findUserByUsername('amelie.admin')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeycloakError);
    expect(failure).toMatchObject({ status: 401, retryable: false });
    expect((failure as Error).message).not.toContain(wrongSecret);
  });
});
