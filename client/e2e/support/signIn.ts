import type { Page } from 'playwright-core';

/**
 * Signs in on the real Keycloak login page the browser was sent to. Keycloak may ask for
 * the username and the password on one page, or on two (username first): each page's
 * fields are filled as they appear, then the form is sent.
 */
export async function signInOnKeycloak(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  const base = new URL(baseUrl);
  for (let step = 0; step < 3; step += 1) {
    if (new URL(page.url()).origin === base.origin) return;
    const form = page.locator('#kc-form-login, form').first();
    await form.waitFor({ timeout: 30_000 });
    const user = page.locator('input[name="username"]:visible');
    const secret = page.locator('input[name="password"]:visible');
    if ((await user.count()) > 0 && (await user.isEditable())) await user.fill(username);
    if ((await secret.count()) > 0) await secret.fill(password);
    const submit = page.locator('#kc-login, [type="submit"]').first();
    const before = page.url();
    await Promise.all([page.waitForURL((url) => url.href !== before, { timeout: 30_000 }), submit.click()]);
    await page.waitForLoadState('domcontentloaded');
  }
  if (new URL(page.url()).origin !== base.origin) {
    throw new Error(`Sign-in of ${username} did not come back to the workspace; the browser is at ${page.url()}.`);
  }
}

/** Waits until the browser is back on the workspace. */
export async function waitForWorkspace(page: Page, baseUrl: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  await page.waitForURL((url) => url.origin === origin, { timeout: 30_000 });
}

/** From a page of the workspace: "Anmelden" in the top bar, Keycloak's login page, and back. */
export async function signInThroughTopBar(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  const origin = new URL(baseUrl).origin;
  await page
    .getByRole('banner')
    .getByRole('link', { name: /^(Anmelden|Sign in)$/ })
    .click();
  await page.waitForURL((url) => url.origin !== origin, { timeout: 30_000 });
  await signInOnKeycloak(page, baseUrl, username, password);
  await waitForWorkspace(page, baseUrl);
}

export function demoPassword(): string {
  const value = process.env.DEMO_PASSWORD;
  if (!value) throw new Error('DEMO_PASSWORD is not set: run against the stack (`npm test` or stack.env).');
  return value;
}
