import { fetchAs, KeycloakTestAdmin, signInDemo } from '../../../server/test/support/signIn';
import { eventually, json, type PersonBody } from '../../../server/test/support/tenantsApi';

export interface FreshPerson {
  username: string;
  displayName: string;
  password: string;
}

/**
 * New members of the demo tenant, created through the API by its admin and
 * provisioned into Keycloak and Synapse, with a password set the way an
 * operator would. Chat accounts carry state (devices, key backup) that a rerun
 * on the same stack must not find from an earlier run.
 */
export async function freshPeople(
  people: { firstName: string; lastName: string; role?: 'member' | 'tenant-admin' }[],
  marker: string,
): Promise<FreshPerson[]> {
  const admin = await signInDemo('amelie.admin');
  const tenantId = admin.actor.tenantId;
  if (!tenantId) throw new Error('amelie.admin has no tenant');
  const keycloak = new KeycloakTestAdmin();
  const created: FreshPerson[] = [];
  for (const [i, person] of people.entries()) {
    const username = `${marker}-${i + 1}`;
    const body = await json<PersonBody>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
        method: 'POST',
        body: JSON.stringify({ ...person, username, email: `${username}@demo.example`, role: person.role ?? 'member' }),
      }),
      201,
    );
    await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${body.id}`), 200),
      (p) => p.sync.state === 'done',
      // Other tests may have queued hundreds of people before these (an import of 200).
      180_000,
    );
    const password = `Pw-${username}-${Date.now()}`;
    await keycloak.call('PUT', `/users/${await keycloak.userId(username)}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    created.push({ username, displayName: `${person.firstName} ${person.lastName}`, password });
  }
  return created;
}
