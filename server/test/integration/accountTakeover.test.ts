import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatSignIn } from '../support/chatSignIn.js';
import { fetchAs, KeycloakTestAdmin, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, type PersonBody } from '../support/tenantsApi.js';

interface Problem {
  status: number;
  title: string;
  detail?: string;
  details?: { field?: string; code?: string; system?: string };
}

interface KeycloakUser {
  id: string;
  username: string;
  enabled: boolean;
  attributes?: Record<string, string[]>;
}

// A person's sign-in name must never hand them an account the workspace did not make for them:
// not the chat service's bot, not a platform admin, not an account of another tenant that the
// workspace has not imported. Each attempt is refused, and Keycloak and Synapse stay unchanged.
describe('no account takeover through a sign-in name (real Keycloak and Synapse)', () => {
  const run = randomBytes(3).toString('hex');
  const keycloak = new KeycloakTestAdmin();
  const homeserver = stackEnv('MATRIX_HOMESERVER_URL');
  const serverName = stackEnv('MATRIX_SERVER_NAME');
  const bot = stackEnv('MATRIX_AS_SENDER_LOCALPART');
  const madeInKeycloak: string[] = [];
  let admin: SignedIn;
  let tenantId: string;

  const addPerson = (username: string) =>
    fetchAs(admin, `/api/tenants/${tenantId}/people`, {
      method: 'POST',
      body: JSON.stringify({
        email: `${username}.${run}@demo.example`,
        firstName: 'Neue',
        lastName: 'Person',
        username,
      }),
    });

  /** The Keycloak user of this name as an operator sees it, or undefined. */
  const keycloakUser = async (username: string): Promise<KeycloakUser | undefined> => {
    const users = (await keycloak.call(
      'GET',
      `/users?exact=true&briefRepresentation=false&username=${encodeURIComponent(username)}`,
    )) as KeycloakUser[];
    return users.find((user) => user.username === username);
  };

  /** Synapse's record of an account (admin API), or the HTTP status when there is none. */
  const matrixAccount = async (localpart: string): Promise<Record<string, unknown> | number> => {
    const response = await fetch(
      `${homeserver}/_synapse/admin/v2/users/${encodeURIComponent(`@${localpart}:${serverName}`)}`,
      { headers: { Authorization: `Bearer ${stackEnv('MATRIX_ADMIN_TOKEN')}` } },
    );
    return response.ok ? ((await response.json()) as Record<string, unknown>) : response.status;
  };

  /** A Keycloak account made beside the workspace (in the admin console), with a password. */
  const accountMadeByHand = async (username: string, realmRoles: string[] = []): Promise<KeycloakUser> => {
    await keycloak.call('POST', '/users', {
      username,
      email: `${username}@hand-${run}.example`,
      firstName: 'Von',
      lastName: 'Hand',
      enabled: true,
      emailVerified: true,
      credentials: [{ type: 'password', value: stackEnv('DEMO_PASSWORD'), temporary: false }],
    });
    const user = (await keycloakUser(username))!;
    madeInKeycloak.push(user.id);
    if (realmRoles.length > 0) {
      const roles = await Promise.all(realmRoles.map((role) => keycloak.call('GET', `/roles/${role}`)));
      await keycloak.call('POST', `/users/${user.id}/role-mappings/realm`, roles);
    }
    return user;
  };

  beforeAll(async () => {
    admin = await signInDemo('amelie.admin');
    tenantId = admin.actor.tenantId!;
  });

  afterAll(async () => {
    for (const id of madeInKeycloak) await keycloak.call('DELETE', `/users/${id}`).catch(() => undefined);
  });

  it("refuses the chat service's bot and the operators' names, and leaves the bot's account as it was", async () => {
    const botBefore = await matrixAccount(bot);
    for (const name of [bot, 'admin', 'workspace-admin', `service-account-${run}`]) {
      const response = await addPerson(name);
      expect(response.status, name).toBe(409);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as Problem).details).toMatchObject({
        field: 'username',
        code: 'reserved-username',
      });
      expect(await keycloakUser(name), name).toBeUndefined();
    }
    expect(await matrixAccount(bot)).toEqual(botBefore);
    const people = await json<{ people: PersonBody[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people?search=${encodeURIComponent(bot)}`),
      200,
    );
    expect(people.people.filter((p) => p.username === bot)).toEqual([]);
  });

  it("refuses a platform admin's name with 409 naming Keycloak, and changes nothing there or in Synapse", async () => {
    const platformAdmin = await accountMadeByHand(`plattform-${run}`, ['platform-admin']);
    const response = await addPerson(platformAdmin.username);
    expect(response.status).toBe(409);
    const problem = (await response.json()) as Problem;
    expect(problem.details).toMatchObject({ field: 'username', code: 'account-clash', system: 'keycloak' });
    expect(problem.detail).toMatch(/Keycloak/);

    const after = await keycloakUser(platformAdmin.username);
    expect(after).toMatchObject({ id: platformAdmin.id, enabled: true });
    expect(after?.attributes?.workspacePersonId).toBeUndefined();
    const organizations = (await keycloak.call(
      'GET',
      `/organizations/members/${platformAdmin.id}/organizations`,
    )) as unknown[];
    expect(organizations).toEqual([]);
    expect(await matrixAccount(platformAdmin.username)).toBe(404);
  });

  it("an import of another tenant's not-yet-imported person fails its provisioning and takes over nothing", async () => {
    const neighbour = await accountMadeByHand(`nachbar-${run}`);
    const csv = `email;Vorname;Nachname;Anmeldename\nnachbar.${run}@demo.example;Nina;Nachbar;${neighbour.username}\n`;
    const report = await json<{ created: string[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people/import`, {
        method: 'POST',
        body: JSON.stringify({ csv, dryRun: false }),
      }),
      200,
    );
    expect(report.created).toHaveLength(1);
    const personId = report.created[0]!;

    const person = await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${personId}`), 200),
      (p) => p.sync.state !== 'pending',
    );
    expect(person.sync.state).toBe('failed');
    expect(person.sync.error).toMatch(/Keycloak.*did not make for this person/);

    const after = await keycloakUser(neighbour.username);
    expect(after).toMatchObject({
      id: neighbour.id,
      enabled: true,
      email: `${neighbour.username}@hand-${run}.example`,
    });
    expect(after?.attributes?.workspacePersonId).toBeUndefined();
    expect(await matrixAccount(neighbour.username)).toBe(404);

    // Deactivating the person the import made touches no account either.
    const deactivated = await fetchAs(admin, `/api/tenants/${tenantId}/people/${personId}/deactivate`, {
      method: 'POST',
    });
    expect(deactivated.status).toBe(200);
    await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${personId}`), 200),
      (p) => p.sync.state !== 'pending',
    );
    expect(await keycloakUser(neighbour.username)).toMatchObject({ enabled: true });
  });

  it("a tenant admin may not deactivate or demote a person whose account is a platform admin's", async () => {
    const { people } = await json<{ people: (PersonBody & { abilities: Record<string, boolean> })[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people?search=paula.plattform`),
      200,
    );
    const paula = people.find((p) => p.username === 'paula.plattform')!;
    expect(paula.abilities).toMatchObject({
      'person.deactivate': false,
      'person.changeRole': false,
      'person.reactivate': false,
    });
    const deactivate = await fetchAs(admin, `/api/tenants/${tenantId}/people/${paula.id}/deactivate`, {
      method: 'POST',
    });
    expect(deactivate.status).toBe(403);
    const demote = await fetchAs(admin, `/api/tenants/${tenantId}/people/${paula.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'guest' }),
    });
    expect(demote.status).toBe(403);
    const after = await json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${paula.id}`), 200);
    expect(after).toMatchObject({ status: 'active', role: 'member' });
  });

  it('a Keycloak login never yields an account the workspace did not make for that person, least of all the bot', async () => {
    // The flow itself works: a provisioned person lands in their own account.
    expect(await chatSignIn('bernd.beispiel', stackEnv('DEMO_PASSWORD'))).toEqual({
      userId: `@bernd.beispiel:${serverName}`,
    });
    // A Keycloak user named like the bot (made by hand, beside the workspace) is refused.
    await accountMadeByHand(bot);
    const botLogin = await chatSignIn(bot, stackEnv('DEMO_PASSWORD'));
    expect(botLogin).toMatchObject({ refused: expect.any(String) });
    // A Keycloak user with no account made for them gets none.
    const stranger = await accountMadeByHand(`fremd-${run}`);
    expect(await chatSignIn(stranger.username, stackEnv('DEMO_PASSWORD'))).toMatchObject({
      refused: expect.any(String),
    });
    expect(await matrixAccount(stranger.username)).toBe(404);
  });
});
