import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../server/test/support/totp';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, workspaceUrl } from './support/browser';
import { demoPassword, waitForWorkspace } from './support/signIn';

/**
 * The second factor of an admin (ADR 0025), against the real Keycloak: amelie.admin signs in
 * with her password, and Keycloak asks for her one-time code. A session that leaves the code
 * page unanswered holds no administration (the workspace says why and offers to confirm);
 * with the code, computed here from the demo realm's known secret (RFC 6238), she gets it.
 */

const ADMIN = 'amelie.admin';

function demoTotpSecret(): string {
  const value = process.env.DEMO_TOTP_SECRET;
  if (!value) throw new Error('DEMO_TOTP_SECRET is not set: run against the stack (`npm test` or stack.env).');
  return value;
}

interface SessionBody {
  actor: { tenantRole: string | null; platformAdmin: boolean; tenantId: string | null };
  secondFactor: { used: boolean; missing: string | null };
}

describe('the second factor of an admin', () => {
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let close: (() => Promise<void>) | undefined;

  const session = async (): Promise<SessionBody> =>
    (await (await context.request.get(`${baseUrl}/api/session`)).json()) as SessionBody;
  const adminNav = () => page.getByRole('navigation', { name: 'Administration' });
  const oneTimeCode = () => page.locator('input[name="otp"]');

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    ({ page, context, problems, close } = await germanDesktopPage());
  });

  afterAll(async () => {
    await close?.();
  });

  it('asks an admin for the one-time code after the password; without it the session has no administration', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).click();
    await page.waitForURL((url) => url.origin !== new URL(baseUrl).origin, { timeout: 30_000 });
    await page.locator('input[name="username"]').fill(ADMIN);
    await page.locator('input[name="password"]').fill(demoPassword());
    await page.locator('#kc-login, [type="submit"]').first().click();

    // The workspace's callback saw an admin without the second factor and sent her back to Keycloak.
    await oneTimeCode().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);

    // She leaves the code unanswered and opens the workspace: signed in, but as a member.
    await page.goto(`${baseUrl}/`);
    const notice = page.getByRole('region', { name: 'Zweiter Faktor erforderlich' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('Bis dahin arbeiten Sie als Mitglied.');
    const state = await session();
    expect(state.actor).toMatchObject({ tenantRole: 'member', platformAdmin: false });
    expect(state.secondFactor).toEqual({ used: false, missing: 'tenant-admin' });
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .waitFor();
    expect(await adminNav().count()).toBe(0);
    const tenantId = state.actor.tenantId ?? '';
    expect(tenantId).not.toBe('');
    expect((await context.request.get(`${baseUrl}/api/tenants/${tenantId}/audit`)).status()).toBe(403);
    expect((await context.request.get(`${baseUrl}/api/tenants/${tenantId}/policy`)).status()).toBe(403);
    await expectNoSeriousA11yViolations(page, 'the notice of a missing second factor');
  });

  it('grants the administration once she confirms with the code from her authenticator', async () => {
    const confirm = page.getByRole('link', { name: 'Mit zweitem Faktor bestätigen' });
    expect(await confirm.getAttribute('href')).toBe('/auth/login?returnTo=%2F&lang=de&secondFactor=1');
    await confirm.click();
    // Keycloak still knows her password from this browser: it asks for the code alone.
    await oneTimeCode().waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name="password"]').count()).toBe(0);

    // A wrong code is refused.
    const code = totpCode(demoTotpSecret());
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    await oneTimeCode().fill(wrong);
    await page.locator('#kc-login, [type="submit"]').first().click();
    await oneTimeCode().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);

    await oneTimeCode().fill(totpCode(demoTotpSecret()));
    await page.locator('#kc-login, [type="submit"]').first().click();
    await waitForWorkspace(page, baseUrl);

    await adminNav().waitFor({ timeout: 15_000 });
    expect(await adminNav().getByRole('link').allTextContents()).toEqual(['Personen', 'Protokoll', 'Richtlinien']);
    expect(await page.getByRole('region', { name: 'Zweiter Faktor erforderlich' }).count()).toBe(0);
    const state = await session();
    expect(state.actor).toMatchObject({ tenantRole: 'tenant-admin' });
    expect(state.secondFactor).toEqual({ used: true, missing: null });
    expect((await context.request.get(`${baseUrl}/api/tenants/${state.actor.tenantId}/audit`)).status()).toBe(200);

    await adminNav().getByRole('link', { name: 'Richtlinien' }).click();
    const everybody = page.getByLabel('Zweiten Faktor für alle verlangen');
    await everybody.waitFor({ timeout: 15_000 });
    expect(await everybody.isChecked()).toBe(false);
    await expectNoSeriousA11yViolations(page, 'the policies page with the second factor');
    expect(problems).toEqual([]);
  });
});
