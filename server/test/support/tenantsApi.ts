import { expect } from 'vitest';
import { fetchAs, KeycloakTestAdmin, signIn, type SignedIn } from './signIn.js';

export interface TenantBody {
  id: string;
  slug: string;
  sync: { state: string; error: string | null };
}

export interface PersonBody {
  id: string;
  username: string;
  status: string;
  sync: { state: string; error: string | null };
}

export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Polls until the predicate holds for the value `read` returns, or fails after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, holds: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!holds(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

/**
 * Creates a tenant through the API as a platform admin, waits until Keycloak
 * and Synapse follow, gives its first admin a password and signs them in.
 */
export async function provisionedTenantWithAdmin(
  platformAdmin: SignedIn,
  slug: string,
): Promise<{ tenant: TenantBody; admin: SignedIn }> {
  const username = `leitung.${slug}`;
  const created = await json<TenantBody>(
    await fetchAs(platformAdmin, '/api/tenants', {
      method: 'POST',
      body: JSON.stringify({
        slug,
        name: `Amt ${slug}`,
        emailDomains: [`${slug}.example`],
        firstAdmin: { email: `leitung@${slug}.example`, username, firstName: 'Lea', lastName: 'Leitung' },
      }),
    }),
    201,
  );
  expect(created.sync.state).toBe('pending');
  const tenant = await eventually(
    async () => json<TenantBody>(await fetchAs(platformAdmin, `/api/tenants/${created.id}`), 200),
    (t) => t.sync.state === 'done',
  );
  const people = async () =>
    (await json<{ people: PersonBody[] }>(await fetchAs(platformAdmin, `/api/tenants/${created.id}/people`), 200))
      .people;
  await eventually(people, (list) => list.every((p) => p.sync.state === 'done'));
  const keycloak = new KeycloakTestAdmin();
  const password = `Pw-${slug}-${Date.now()}`;
  await keycloak.call('PUT', `/users/${await keycloak.userId(username)}/reset-password`, {
    type: 'password',
    value: password,
    temporary: false,
  });
  return { tenant, admin: await signIn(username, password) };
}

/** A tenant's API as one of its admins: calls below `/api/tenants/<id>`, new people, a room's synced Matrix room. */
export interface TenantApi {
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** A new person `<username>.<slug>` of the tenant, with their e-mail address in its domain. */
  newPerson(username: string, role?: 'member' | 'guest' | 'tenant-admin'): Promise<PersonBody>;
  /** Waits until the people of the tenant are provisioned. */
  peopleProvisioned(): Promise<void>;
}

export function tenantApi(admin: SignedIn, tenantId: string, slug: string): TenantApi {
  const call = (method: string, path: string, body?: unknown) =>
    fetchAs(admin, `/api/tenants/${tenantId}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    call,
    newPerson: async (username, role = 'member') =>
      json<PersonBody>(
        await call('POST', '/people', {
          email: `${username}@${slug}.example`,
          firstName: username,
          lastName: 'Probe',
          username: `${username}.${slug}`,
          role,
        }),
        201,
      ),
    peopleProvisioned: async () => {
      await eventually(
        async () => (await json<{ people: PersonBody[] }>(await call('GET', '/people'), 200)).people,
        (people) => people.every((p) => p.sync.state === 'done'),
      );
    },
  };
}
