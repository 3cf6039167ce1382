import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, provisionedTenantWithAdmin, type PersonBody } from '../support/tenantsApi.js';

// The password policy and the second factor (ADR 0025) against the real Keycloak and backend.

const run = randomBytes(3).toString('hex');

interface SessionBody {
  actor: { tenantId: string | null; tenantRole: string | null; platformAdmin: boolean };
  secondFactor: { used: boolean; missing: string | null };
}

const sessionOf = async (session: SignedIn): Promise<SessionBody> =>
  json<SessionBody>(await fetchAs(session, '/api/session'), 200);

describe('the password policy', () => {
  it('is the one the backend keeps in the realm', async () => {
    const realm = (await new KeycloakTestAdmin().call('GET', '')) as { passwordPolicy?: string };
    expect(realm.passwordPolicy).toBe(stackEnv('KEYCLOAK_PASSWORD_POLICY'));
  });

  it('refuses short, deny-listed and name-like passwords and the last ones, and takes a long one', async () => {
    const keycloak = new KeycloakTestAdmin();
    const username = `pw-${run}`;
    await keycloak.call('POST', '/users', { username, email: `${username}@demo.example`, enabled: true });
    const id = await keycloak.userId(username);
    const setPassword = (value: string) =>
      keycloak.call('PUT', `/users/${id}/reset-password`, { type: 'password', value, temporary: false });
    try {
      await expect(setPassword('Kurz-9x!')).rejects.toThrow(/HTTP 400.*invalidPasswordMinLength/);
      await expect(setPassword('Passwort1234')).rejects.toThrow(/HTTP 400.*invalidPasswordBlacklisted/);
      // From the common-password list beside the project's seed, whatever its case.
      await expect(setPassword('LeaveMeAlone')).rejects.toThrow(/HTTP 400.*invalidPasswordBlacklisted/);
      await expect(setPassword(username)).rejects.toThrow(/HTTP 400.*invalidPassword(MinLength|NotUsername)/);
      await expect(setPassword(`${username}@demo.example`)).rejects.toThrow(/HTTP 400.*invalidPasswordNotEmail/);
      const good = `lange genug ${run} und gut zu merken`;
      await setPassword(good);
      await expect(setPassword(good)).rejects.toThrow(/HTTP 400.*invalidPasswordHistory/);
      // No composition rules: lower case letters and spaces alone are enough when long.
      await setPassword(`nur kleine buchstaben ${run}`);
    } finally {
      await keycloak.call('DELETE', `/users/${id}`);
    }
  });
});

describe('the second factor', () => {
  it('holds back a tenant admin’s administration from a session without it', async () => {
    const without = await signInDemo('amelie.admin', undefined, { withoutSecondFactor: true });
    const state = await sessionOf(without);
    expect(state.actor).toMatchObject({ tenantRole: 'member', platformAdmin: false });
    expect(state.secondFactor).toEqual({ used: false, missing: 'tenant-admin' });
    const tenantId = state.actor.tenantId!;
    expect((await fetchAs(without, `/api/tenants/${tenantId}/audit`)).status).toBe(403);
    expect((await fetchAs(without, `/api/tenants/${tenantId}/policy`)).status).toBe(403);

    const confirmed = await signInDemo('amelie.admin');
    expect((await sessionOf(confirmed)).secondFactor).toEqual({ used: true, missing: null });
    expect(confirmed.actor).toMatchObject({ tenantId, tenantRole: 'tenant-admin' });
    expect((await fetchAs(confirmed, `/api/tenants/${tenantId}/audit`)).status).toBe(200);
  });

  it('holds back platform administration from a session without it', async () => {
    const without = await signInDemo('paula.plattform', undefined, { withoutSecondFactor: true });
    expect(without.actor.platformAdmin).toBe(false);
    expect((await sessionOf(without)).secondFactor.missing).toBe('platform-admin');
    expect((await fetchAs(without, '/api/audit')).status).toBe(403);

    const confirmed = await signInDemo('paula.plattform');
    expect(confirmed.actor.platformAdmin).toBe(true);
    expect((await fetchAs(confirmed, '/api/audit')).status).toBe(200);
  });

  it('asks nothing more of a member', async () => {
    const member = await signInDemo('bernd.beispiel');
    expect(await sessionOf(member)).toMatchObject({
      actor: { tenantRole: 'member' },
      secondFactor: { used: false, missing: null },
    });
  });

  it('is set up at first sign-in by a new tenant admin, and required of everybody once the tenant says so', async () => {
    // The new tenant's first admin has no authenticator yet: Keycloak has them set it up (the
    // helper answers the setup page with a code for the secret it offers).
    const platformAdmin = await signInDemo('paula.plattform');
    const { tenant, admin } = await provisionedTenantWithAdmin(platformAdmin, `zf${run}`);
    expect(admin.actor).toMatchObject({ tenantId: tenant.id, tenantRole: 'tenant-admin' });

    const person = await json<PersonBody>(
      await fetchAs(admin, `/api/tenants/${tenant.id}/people`, {
        method: 'POST',
        body: JSON.stringify({
          username: `mia.${run}`,
          email: `mia.${run}@zf${run}.example`,
          firstName: 'Mia',
          lastName: 'Mitglied',
          role: 'member',
        }),
      }),
      201,
    );
    await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenant.id}/people/${person.id}`), 200),
      (p) => p.sync.state === 'done',
    );
    const keycloak = new KeycloakTestAdmin();
    const password = `Mitglied ${run} mit langem Kennwort`;
    await keycloak.call('PUT', `/users/${await keycloak.userId(person.username)}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    const before = await signIn(person.username, password);
    expect(before.actor).toMatchObject({ tenantId: tenant.id, tenantRole: 'member' });

    const policy = await json<{ secondFactor: boolean }>(
      await fetchAs(admin, `/api/tenants/${tenant.id}/policy`, {
        method: 'PUT',
        body: JSON.stringify({ meetings: true, guests: true, recording: false, secondFactor: true }),
      }),
      200,
    );
    expect(policy.secondFactor).toBe(true);
    // The member's session from before holds no tenant from its next request on.
    expect(await sessionOf(before)).toMatchObject({
      actor: { tenantId: null, tenantRole: null },
      secondFactor: { used: false, missing: 'tenant-policy' },
    });
    // As for anybody outside the tenant, it is not there.
    expect((await fetchAs(before, `/api/tenants/${tenant.id}/rooms`)).status).toBe(404);

    // Signing in again asks for the second factor; the member sets it up and gets the tenant back.
    const after = await signIn(person.username, password);
    expect(after.actor).toMatchObject({ tenantId: tenant.id, tenantRole: 'member' });
    expect((await sessionOf(after)).secondFactor).toEqual({ used: true, missing: null });

    // Leaving the policy out of a change keeps it.
    const kept = await json<{ secondFactor: boolean }>(
      await fetchAs(admin, `/api/tenants/${tenant.id}/policy`, {
        method: 'PUT',
        body: JSON.stringify({ meetings: true, guests: false, recording: false }),
      }),
      200,
    );
    expect(kept.secondFactor).toBe(true);
  });
});
