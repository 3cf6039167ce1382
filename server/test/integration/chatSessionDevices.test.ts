import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, waitUntilListening, type BackendRun } from '../support/backendProcess.js';
import { chatDeviceLogin, type ChatDeviceLogin } from '../support/chatSignIn.js';
import { fetchAs, KeycloakTestAdmin, signIn, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json, provisionedTenantWithAdmin, type PersonBody } from '../support/tenantsApi.js';

// A person's chat device does not outlive their workspace session (ADR 0029): the browser tells the
// session which device it signed in with, and however the session ends — sign-out, back-channel
// logout, idle time, deactivation — the device's tokens stop working at the real homeserver.

const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const homeserver = () => stackEnv('MATRIX_HOMESERVER_URL').replace(/\/+$/, '');

/** What the homeserver says of an access token: 200, or the refusal's status and errcode. */
async function whoami(accessToken: string): Promise<{ status: number; errcode?: string }> {
  const response = await fetch(`${homeserver()}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const body = (await response.json()) as { errcode?: string };
  return response.ok ? { status: response.status } : { status: response.status, errcode: body.errcode ?? '' };
}

const loggedOut = (answer: { status: number; errcode?: string }) =>
  answer.status === 401 && answer.errcode === 'M_UNKNOWN_TOKEN';

async function refresh(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${homeserver()}/_matrix/client/v3/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const bindDevice = (session: SignedIn, deviceId: string) =>
  fetchAs(session, '/api/session/chat-devices', { method: 'POST', body: JSON.stringify({ deviceId }) });

describe('chat devices end with the workspace session', () => {
  const keycloak = new KeycloakTestAdmin();
  let tenantId: string;
  let admin: SignedIn;
  const passwords = new Map<string, string>();

  /** A member of the test tenant with a password, provisioned in Keycloak and Synapse. */
  async function member(name: string): Promise<string> {
    const username = `${name}.${run}`;
    const created = await json<PersonBody>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
        method: 'POST',
        body: JSON.stringify({
          username,
          email: `${username}@cs${run}.example`,
          firstName: name,
          lastName: 'Chat',
          role: 'member',
        }),
      }),
      201,
    );
    await eventually(
      async () => json<PersonBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${created.id}`), 200),
      (person) => person.sync.state === 'done',
    );
    const password = `Pw-${username}-${randomBytes(4).toString('hex')}`;
    await keycloak.call('PUT', `/users/${await keycloak.userId(username)}/reset-password`, {
      type: 'password',
      value: password,
      temporary: false,
    });
    passwords.set(username, password);
    return username;
  }

  /** The person signed in to the workspace and, separately (as the chat does), to the homeserver. */
  async function signedInWithChat(
    username: string,
    baseUrl?: string,
  ): Promise<{ session: SignedIn; device: ChatDeviceLogin }> {
    const password = passwords.get(username)!;
    const session = await signIn(username, password, baseUrl);
    const device = await chatDeviceLogin(username, password);
    expect((await bindDevice(session, device.deviceId)).status).toBe(204);
    expect(await whoami(device.accessToken)).toEqual({ status: 200 });
    return { session, device };
  }

  beforeAll(async () => {
    const platform = await signInDemo('paula.plattform');
    const provisioned = await provisionedTenantWithAdmin(platform, `cs${run}`);
    tenantId = provisioned.tenant.id;
    admin = provisioned.admin;
  }, 180_000);

  it('asks for refreshable tokens: they expire, and a refresh gives a working token and spends the old refresh token', async () => {
    const username = await member('erneuert');
    const device = await chatDeviceLogin(username, passwords.get(username)!);
    expect(device.refreshToken).toEqual(expect.any(String));
    expect(device.expiresInMs).toBeGreaterThan(0);
    expect(device.expiresInMs).toBeLessThanOrEqual(5 * 60_000);

    const renewed = await refresh(device.refreshToken!);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({
      access_token: expect.any(String) as string,
      refresh_token: expect.any(String) as string,
      expires_in_ms: expect.any(Number) as number,
    });
    expect(renewed.body.access_token).not.toBe(device.accessToken);
    expect(await whoami(renewed.body.access_token as string)).toEqual({ status: 200 });
    // Once the new access token is used, the old refresh token is spent.
    expect((await refresh(device.refreshToken!)).status).toBe(403);
    expect((await refresh(renewed.body.refresh_token as string)).status).toBe(200);
  }, 120_000);

  it('accepts only a device of the person’s own chat account', async () => {
    const [anna, ben] = await Promise.all([member('anna'), member('ben')]);
    const { session } = await signedInWithChat(anna);
    const bens = await chatDeviceLogin(ben, passwords.get(ben)!);
    const refused = await bindDevice(session, bens.deviceId);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await bindDevice(session, 'NOSUCHDEVICE')).status).toBe(404);
    expect((await bindDevice(session, '../admin')).status).toBe(400);
    // Without the session's CSRF token, nothing is tied.
    const forged = await fetchAs(session, '/api/session/chat-devices', {
      method: 'POST',
      body: JSON.stringify({ deviceId: bens.deviceId }),
      headers: { 'X-CSRF-Token': 'wrong' },
    });
    expect(forged.status).toBe(403);
    // Ending Anna's session leaves Ben's device alone.
    expect((await fetchAs(session, '/auth/logout', { method: 'POST' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await whoami(bens.accessToken)).toEqual({ status: 200 });
  }, 120_000);

  it('logs the device out when the person signs out', async () => {
    const username = await member('abmelden');
    const { session, device } = await signedInWithChat(username);
    const started = Date.now();
    expect((await fetchAs(session, '/auth/logout', { method: 'POST' })).status).toBe(200);
    expect(await eventually(() => whoami(device.accessToken), loggedOut, 10_000)).toEqual({
      status: 401,
      errcode: 'M_UNKNOWN_TOKEN',
    });
    console.info(`sign-out: chat device logged out after ${Date.now() - started} ms`);
  }, 120_000);

  it('logs the device out when Keycloak ends the workspace session (back-channel logout)', async () => {
    const username = await member('rueckkanal');
    const { device } = await signedInWithChat(username);
    const userId = await keycloak.userId(username);
    // Only the workspace's Keycloak session ends: the chat's own sign-on session stays, so it is
    // the workspace's back-channel logout that logs the device out.
    const sessions = (await keycloak.sessions(userId)) as { id: string; clients?: Record<string, string> }[];
    const workspace = sessions.filter((s) => Object.values(s.clients ?? {}).includes(stackEnv('KEYCLOAK_CLIENT_ID')));
    expect(workspace).toHaveLength(1);
    expect(sessions.length).toBeGreaterThan(workspace.length);
    await keycloak.endSession(workspace[0]!.id);
    expect(await eventually(() => whoami(device.accessToken), loggedOut, 15_000)).toMatchObject({ status: 401 });
  }, 120_000);

  it('logs out the devices of a deactivated person: Synapse’s account deactivation ends them all', async () => {
    const username = await member('deaktiviert');
    const { session, device } = await signedInWithChat(username);
    const deactivated = await fetchAs(admin, `/api/tenants/${tenantId}/people/${session.actor.userId}/deactivate`, {
      method: 'POST',
    });
    expect(deactivated.status).toBe(200);
    expect(await eventually(() => whoami(device.accessToken), loggedOut, 30_000)).toMatchObject({ status: 401 });
    const state = (await (await fetchAs(session, '/api/session')).json()) as { authenticated: boolean };
    expect(state.authenticated).toBe(false);
  }, 120_000);

  describe('with an idle time of one minute', () => {
    let backend: BackendRun;

    beforeAll(async () => {
      // A second backend on the stack's database ends sessions idle for a minute; its housekeeping
      // finds them although their browser never comes back.
      backend = await startBackend({ DATABASE_URL: process.env.DATABASE_URL, SESSION_IDLE_MINUTES: '1' });
      await waitUntilListening(backend);
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('logs the device out once the session has been idle, with no request of its browser', async () => {
      const username = await member('untaetig');
      const { device } = await signedInWithChat(username);
      const boundAt = Date.now();
      // Nobody uses the session from here on; a minute later it has ended and its device with it.
      await new Promise((resolve) => setTimeout(resolve, 55_000));
      expect(await whoami(device.accessToken)).toEqual({ status: 200 });
      await eventually(() => whoami(device.accessToken), loggedOut, 60_000);
      const tookMs = Date.now() - boundAt;
      expect(tookMs).toBeGreaterThan(60_000);
      console.info(`idle: chat device logged out ${tookMs} ms after the session's last request`);
    }, 180_000);
  });
});
