import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchPageProblems } from './pageProblems';
import { rememberTotpSecret, totpCode, totpSecretOf } from '../../../server/test/support/totp';

/**
 * Signs in on the real Keycloak login page the browser was sent to. Keycloak may ask for
 * the username and the password on one page, or on two (username first), and then for the
 * one-time code of an admin (the second factor): each page's fields are filled as they appear,
 * then the form is sent. A person setting up their authenticator gets the code for the secret
 * the page offers, which is remembered for their next sign-in.
 */
export async function signInOnKeycloak(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  const base = new URL(baseUrl);
  for (let step = 0; step < 5; step += 1) {
    if (new URL(page.url()).origin === base.origin) return;
    const form = page.locator('#kc-form-login, form').first();
    await form.waitFor({ timeout: 30_000 });
    const user = page.locator('input[name="username"]:visible');
    const secret = page.locator('input[name="password"]:visible');
    if ((await user.count()) > 0 && (await user.isEditable())) await user.fill(username);
    if ((await secret.count()) > 0) await secret.fill(password);
    await fillOneTimeCode(page, username);
    const submit = page.locator('#kc-login, [type="submit"]').first();
    const before = page.url();
    await Promise.all([page.waitForURL((url) => url.href !== before, { timeout: 30_000 }), submit.click()]);
    await page.waitForLoadState('domcontentloaded');
  }
  if (new URL(page.url()).origin !== base.origin) {
    throw new Error(`Sign-in of ${username} did not come back to the workspace; the browser is at ${page.url()}.`);
  }
}

/** Fills in the one-time code when the Keycloak page asks for it, or sets up the authenticator when it offers a secret. */
export async function fillOneTimeCode(page: Page, username: string): Promise<void> {
  const code = page.locator('input[name="otp"]:visible');
  if ((await code.count()) > 0) {
    const known = totpSecretOf(username);
    if (known === undefined)
      throw new Error(`Keycloak asks ${username} for a one-time code, and its secret is unknown`);
    await code.fill(totpCode(known));
  }
  const setup = page.locator('input[name="totp"]:visible');
  if ((await setup.count()) > 0) {
    const offered = await page.locator('input[name="totpSecret"]').inputValue();
    await setup.fill(totpCode(offered));
    rememberTotpSecret(username, offered);
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

/**
 * A German desktop browser context of its own (downloads allowed), signed in as the person through
 * the top bar: its page, its context (for the caller to close) and the page's problems as they come.
 */
export async function signedInGermanPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    reducedMotion: 'reduce',
    locale: 'de-DE',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(`${baseUrl}/`);
  await signInThroughTopBar(page, baseUrl, username, password);
  return { page, context, problems };
}
