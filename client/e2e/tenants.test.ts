import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { watchPageProblems } from './support/pageProblems';
import { demoPassword, signInThroughTopBar } from './support/signIn';

/** The platform admin's part: tenants with their sync state, create one, archive it after a confirmation. */

const RUN = `t${Date.now().toString(36)}`;
const TENANT = { name: `Testamt ${RUN}`, slug: `amt-${RUN}`, domain: `${RUN}.example` };

describe('tenants by the platform admin', () => {
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
    });
    page = await context.newPage();
    problems = watchPageProblems(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('asks to sign in first and comes back to the tenants after Keycloak', async () => {
    await page.goto(`${baseUrl}/admin/tenants`);
    await page.getByText('Bitte melden Sie sich an, um die Administration zu öffnen.').waitFor();
    await expectNoSeriousA11yViolations(page, 'the signed-out tenants page');
    await signInThroughTopBar(page, baseUrl, 'paula.plattform', demoPassword());
    expect(new URL(page.url()).pathname).toBe('/admin/tenants');
    const admin = page.getByRole('navigation', { name: 'Administration' });
    await admin.getByRole('link', { name: 'Mandanten' }).waitFor({ timeout: 15_000 });
    expect(await admin.getByRole('link').allTextContents()).toEqual([
      'Personen',
      'Protokoll',
      'Richtlinien',
      'Mandanten',
    ]);
    const demo = page.locator('tr[data-tenant="demo"]');
    await demo.waitFor({ timeout: 15_000 });
    expect(await demo.locator('[data-sync]').textContent()).toMatch(/^(Ausstehend|Fertig|Fehlgeschlagen)/);
    expect(await demo.locator('[data-sync] svg').count()).toBe(1);
  });

  it('creates a tenant with its first admin and shows its sync state in words', async () => {
    const form = page.getByRole('region', { name: 'Mandant anlegen' });
    await form.getByLabel('Name', { exact: true }).fill(TENANT.name);
    await form.getByLabel('Kurzname').fill(TENANT.slug);
    await form.getByLabel('E-Mail-Domains').fill(TENANT.domain);
    await form.getByLabel('E-Mail-Adresse').fill(`leitung@${TENANT.domain}`);
    await form.getByLabel('Vorname').fill('Lea');
    await form.getByLabel('Nachname').fill('Leitung');
    await form.getByRole('button', { name: 'Mandant anlegen' }).click();

    const row = page.locator(`tr[data-tenant="${TENANT.slug}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(TENANT.domain);
    // Keycloak and Synapse follow through the outbox; the page looks again while it is pending.
    await expect
      .poll(() => row.locator('[data-sync]').getAttribute('data-sync'), { timeout: 90_000, interval: 1000 })
      .toBe('done');
    expect(await row.locator('[data-sync]').textContent()).toBe('Fertig');
    await expectNoSeriousA11yViolations(page, 'the tenants page');
  });

  it('archives the tenant after a confirmation', async () => {
    const row = page.locator(`tr[data-tenant="${TENANT.slug}"]`);
    await row.getByRole('button', { name: `Archivieren: ${TENANT.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Mandant „${TENANT.name}“ archivieren?` });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page, 'the archive dialog');
    await dialog.getByRole('button', { name: 'Mandant archivieren' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('Archiviert');
    expect(await row.getByRole('button').count()).toBe(0);
  });

  it('finds the new tenant in the platform audit log', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Protokoll' }).click();
    await page.getByLabel('Mandant', { exact: true }).selectOption({ label: 'Alle Mandanten und Plattform' });
    await page.getByLabel('Aktion', { exact: true }).selectOption('tenant.create');
    await page.getByRole('button', { name: 'Filtern' }).click();
    const entry = page
      .getByTestId('audit-table')
      .locator('tbody tr')
      .filter({ hasText: `Mandant ${TENANT.name}` });
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.textContent()).toContain(`Domains: ${TENANT.domain}`);
    await page.getByLabel('Aktion', { exact: true }).selectOption('tenant.archive');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await expect
      .poll(() => page.getByTestId('audit-table').locator('tbody tr[data-action="tenant.archive"]').count())
      .toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'the platform audit log');
  });

  it('ran without script errors or blocked resources', () => {
    expect(problems).toEqual([]);
  });
});
