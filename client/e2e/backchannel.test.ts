import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, workspaceUrl } from './support/browser';

// An operator disables a person in Keycloak's own admin console. Keycloak sends
// no back-channel logout for that by itself; the workspace backend watches
// Keycloak's admin events, ends the person's Keycloak sessions, and Keycloak's
// back-channel logout then ends the workspace session. All of it within 5 s.

const USERNAME = 'bernd.beispiel';
const REALM = process.env.KEYCLOAK_REALM ?? 'workspace';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: browser tests need the real stack (npm test).`);
  }
  return value;
}

/** Keycloak's admin API as the bootstrap admin, to prepare and clean up. */
async function adminApi(method: string, path: string, body?: unknown): Promise<unknown> {
  const tokenResponse = await fetch(`${env('KEYCLOAK_URL')}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: env('KEYCLOAK_ADMIN_USERNAME'),
      password: env('KEYCLOAK_ADMIN_PASSWORD'),
    }).toString(),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${env('KEYCLOAK_URL')}/admin/realms/${REALM}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function userId(username: string): Promise<string> {
  const users = (await adminApi('GET', `/users?exact=true&username=${username}`)) as { id: string }[];
  return users[0]!.id;
}

async function sessionState(
  page: Page,
  baseUrl: string,
): Promise<{ authenticated: boolean; actor?: { username: string } }> {
  const response = await page.request.get(`${baseUrl}/api/session`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { authenticated: boolean; actor?: { username: string } };
}

/** Keycloak's login page; with organizations on it asks for the username first, then the password. */
async function logInAtKeycloak(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  const passwordField = page.locator('#password');
  if (!(await passwordField.isVisible())) {
    await page.locator('#kc-login').click();
    await passwordField.waitFor();
  }
  await passwordField.fill(password);
  await page.locator('#kc-login').click();
}

describe('disabling a person in the Keycloak admin console', () => {
  let baseUrl: string;
  let keycloakUrl: string;
  let browser: Browser;
  let workspace: BrowserContext;
  let console: BrowserContext;
  let bernd: string;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    keycloakUrl = env('KEYCLOAK_URL').replace(/\/+$/, '');
    bernd = await userId(USERNAME);
    browser = await launchBrowser();
    workspace = await browser.newContext();
    console = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    // Others sign in as this person too.
    if (bernd !== undefined) await adminApi('PUT', `/users/${bernd}`, { enabled: true });
    await workspace?.close();
    await console?.close();
    await browser?.close();
  });

  it('ends the workspace session within 5 seconds', async () => {
    const user = await workspace.newPage();
    await user.goto(`${baseUrl}/auth/login?returnTo=/`);
    expect(new URL(user.url()).origin).toBe(new URL(keycloakUrl).origin);
    await logInAtKeycloak(user, USERNAME, env('DEMO_PASSWORD'));
    await user.waitForURL(`${baseUrl}/`);
    expect(await sessionState(user, baseUrl)).toMatchObject({ authenticated: true, actor: { username: USERNAME } });

    const operator = await console.newPage();
    await operator.goto(`${keycloakUrl}/admin/master/console/#/${REALM}/users`);
    await logInAtKeycloak(operator, env('KEYCLOAK_ADMIN_USERNAME'), env('KEYCLOAK_ADMIN_PASSWORD'));
    const link = operator.getByRole('link', { name: USERNAME, exact: true });
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    const enabled = operator.getByRole('checkbox', { name: 'Enabled', exact: true });
    await enabled.waitFor({ timeout: 30_000 });
    expect(await enabled.isChecked()).toBe(true);
    // PatternFly draws the switch over the checkbox.
    await enabled.click({ force: true });
    const confirm = operator.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    const disabledAt = Date.now();
    await expect.poll(() => enabled.isChecked(), { timeout: 10_000 }).toBe(false);

    let signedOutAfterMs: number | undefined;
    while (Date.now() - disabledAt < 5000) {
      if (!(await sessionState(user, baseUrl)).authenticated) {
        signedOutAfterMs = Date.now() - disabledAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(signedOutAfterMs, 'the workspace session ended within 5 s of the disable').toBeDefined();
    globalThis.console.info(`workspace session ended ${signedOutAfterMs} ms after "Disable" in Keycloak's console`);

    // What Keycloak recorded: the console saves the whole user with enabled=false (one UPDATE), and
    // the backend's "log out user" follows as an ACTION on users/{id}/logout.
    const events = (await adminApi(
      'GET',
      `/admin-events?resourceTypes=USER&resourcePath=users/${bernd}*&dateFrom=${disabledAt - 5000}&direction=asc`,
    )) as { operationType: string; resourcePath: string; representation?: string }[];
    globalThis.console.info(
      'admin events:',
      events.map((event) => `${event.operationType} ${event.resourcePath}`),
    );
    const update = events.find((event) => event.operationType === 'UPDATE' && event.resourcePath === `users/${bernd}`);
    expect(JSON.parse(update!.representation!)).toMatchObject({ username: USERNAME, enabled: false });
    expect(
      events.some((event) => event.operationType === 'ACTION' && event.resourcePath === `users/${bernd}/logout`),
    ).toBe(true);
  });
});
