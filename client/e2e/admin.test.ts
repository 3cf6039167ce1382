import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { plantedCsv } from './support/importCsv';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { demoPassword, signInOnKeycloak, waitForWorkspace } from './support/signIn';
import { dismissToast, expectToast } from './support/toasts';

/**
 * The administration as a tenant admin uses it, against the real stack: sign in on
 * Keycloak's own login page as amelie.admin of "Demo-Behörde", add a person, import 200
 * people with 3 planted bad rows (dry run first), change a role, deactivate, then find
 * every step in the audit log — in German, and one screen in English.
 */

const TENANT = 'Demo-Behörde';
const DOMAIN = 'demo.example';
const ADMIN = 'amelie.admin';

/** Unique per run, so reruns on the same stack never collide; only a-z, 0-9 and hyphens. */
const RUN = `e2e${Date.now().toString(36)}`;
const SINGLE = { email: `${RUN}-single@${DOMAIN}`, firstName: 'Erika', lastName: `Einzeln ${RUN}` };
const SINGLE_NAME = `${SINGLE.firstName} ${SINGLE.lastName}`;
const SINGLE_USERNAME = `${RUN}-single`;
const IMPORT_MARKER = `${RUN}-imp`;

async function heading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

async function expectHeadingFocused(page: Page, text: string): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1, name: text });
  await h1.waitFor();
  await expect.poll(() => h1.evaluate((element) => element === document.activeElement)).toBe(true);
}

/** GET on the workspace API with the browser's session cookie. */
async function api<T>(context: BrowserContext, baseUrl: string, path: string): Promise<T> {
  const response = await context.request.get(`${baseUrl}${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

interface PersonBody {
  id: string;
  email: string;
  username: string;
  role: string;
  status: string;
}

describe('administration by a tenant admin', () => {
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let tenantId: string;

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

  it('signs in on the Keycloak login page and shows the person and their tenant', async () => {
    await page.goto(`${baseUrl}/`);
    const signIn = page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true });
    expect(await signIn.getAttribute('href')).toBe('/auth/login?returnTo=%2F&lang=de');
    await expectNoSeriousA11yViolations(page, 'the signed-out home page');

    await signIn.click();
    await page.waitForURL((url) => url.origin !== new URL(baseUrl).origin, { timeout: 30_000 });
    expect(await page.locator('input[name="username"], input[name="password"]').count()).toBeGreaterThan(0);
    await signInOnKeycloak(page, baseUrl, ADMIN, demoPassword());
    await waitForWorkspace(page, baseUrl);

    const userMenu = page.getByRole('banner').getByRole('button', { name: /Benutzermenü/ });
    await userMenu.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('banner').textContent(), { timeout: 15_000 }).toContain(TENANT);
    const facts = page.locator('.home__facts');
    await facts.waitFor();
    expect(await facts.textContent()).toContain(TENANT);
    expect(await facts.textContent()).toContain('Mandantenadministration');

    const admin = page.getByRole('navigation', { name: 'Administration' });
    expect(await admin.getByRole('link').allTextContents()).toEqual(['Personen', 'Protokoll', 'Richtlinien']);
    await expectNoSeriousA11yViolations(page, 'the signed-in home page');

    const tenants = await api<{ tenants: { id: string; name: string }[] }>(context, baseUrl, '/api/tenants');
    const demo = tenants.tenants.find((tenant) => tenant.name === TENANT);
    expect(demo, 'the demo tenant').toBeDefined();
    tenantId = demo?.id ?? '';
  });

  it('adds a person', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personen' }).click();
    await expectHeadingFocused(page, 'Personen');
    await page.getByTestId('people-table').waitFor();

    const form = page.getByRole('region', { name: 'Person hinzufügen' });
    await form.getByRole('button', { name: 'Person hinzufügen' }).click();
    // Required fields are named, marked invalid and focused.
    const email = form.getByLabel('E-Mail-Adresse', { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.evaluate((element) => element === document.activeElement)).toBe(true);
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toContain(
      'Bitte füllen Sie dieses Feld aus.',
    );

    await email.fill(SINGLE.email);
    await form.getByLabel('Vorname').fill(SINGLE.firstName);
    await form.getByLabel('Nachname').fill(SINGLE.lastName);
    await form.getByLabel('Rolle').selectOption('member');
    await form.getByRole('button', { name: 'Person hinzufügen' }).click();
    await expectToast(page, `${SINGLE_NAME} wurde hinzugefügt`);

    const row = page.locator(`tr[data-person="${SINGLE_USERNAME}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(SINGLE.email);
    expect(await row.locator('[data-sync]').textContent()).toMatch(/Ausstehend|Fertig|Fehlgeschlagen/);
    await expectNoSeriousA11yViolations(page, 'the people page');
    await dismissToast(page);
    await saveScreenshot(page, 'admin-people-de');
  });

  it('imports 200 people: the dry run reports exactly the 3 planted problems, confirming adds the other 197', async () => {
    const planted = plantedCsv(IMPORT_MARKER, DOMAIN);
    await page.getByRole('link', { name: 'Personen importieren (CSV)' }).click();
    await expectHeadingFocused(page, 'Personen importieren');
    expect(await page.getByRole('button', { name: 'Import bestätigen' }).count()).toBe(0);

    await page.getByLabel('CSV-Datei wählen').setInputFiles({
      name: `personen-${RUN}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(planted.csv, 'utf8'),
    });
    await expect.poll(() => page.getByLabel('CSV-Inhalt').inputValue()).toBe(planted.csv);
    await expectNoSeriousA11yViolations(page, 'the import page with a chosen file');
    await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();

    const report = page.getByTestId('dry-run');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-count="rows"]').textContent()).toBe('200');
    expect(await report.locator('[data-count="valid"]').textContent()).toBe('197');
    expect(await report.locator('[data-count="problems"]').textContent()).toBe('3');
    const problemRows = page.getByTestId('import-problems').locator('tbody tr');
    expect(await problemRows.count()).toBe(3);
    const found = await problemRows.evaluateAll((rows) =>
      rows.map((row) => [Number(row.getAttribute('data-line')), row.getAttribute('data-code') ?? '']),
    );
    expect(found).toEqual([...planted.planted.entries()]);
    const texts = await problemRows.allTextContents();
    expect(texts[0]).toContain('Die E-Mail-Adresse fehlt.');
    expect(texts[1]).toContain('gehört nicht zu den Domains des Mandanten (demo.example)');
    expect(texts[2]).toContain('steht schon weiter oben in der Datei');
    expect(await page.getByTestId('import-problems').locator('caption').textContent()).toBe('3 Probleme in der Datei');
    // The dry run changed nothing.
    const before = await api<{ people: PersonBody[] }>(
      context,
      baseUrl,
      `/api/tenants/${tenantId}/people?search=${IMPORT_MARKER}`,
    );
    expect(before.people).toEqual([]);
    await expectNoSeriousA11yViolations(page, 'the dry-run report');
    await dismissToast(page);
    await saveScreenshot(page, 'admin-import-de');

    await page.getByRole('button', { name: 'Import bestätigen' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('197 Personen wurden angelegt.');
    expect(await result.textContent()).toContain('3 Zeilen wurden übersprungen.');
    expect(await page.getByRole('button', { name: 'Import bestätigen' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'the import result');

    const after = await api<{ people: PersonBody[] }>(
      context,
      baseUrl,
      `/api/tenants/${tenantId}/people?search=${IMPORT_MARKER}`,
    );
    expect(after.people.map((person) => person.email).sort()).toEqual([...planted.goodEmails].sort());

    // And the people page finds them too.
    await page.getByRole('link', { name: 'Personen ansehen' }).click();
    await expectHeadingFocused(page, 'Personen');
    await page.getByRole('searchbox', { name: /Suche nach Name/ }).fill(IMPORT_MARKER);
    await page.getByRole('button', { name: 'Suchen' }).click();
    const caption = page.getByTestId('people-table').locator('caption');
    await expect.poll(() => caption.textContent(), { timeout: 15_000 }).toBe(`197 Personen in ${TENANT}`);
  });

  it("changes a person's role", async () => {
    await page.getByRole('searchbox', { name: /Suche nach Name/ }).fill(SINGLE_USERNAME);
    await page.getByRole('button', { name: 'Suchen' }).click();
    const row = page.locator(`tr[data-person="${SINGLE_USERNAME}"]`);
    await expect.poll(() => page.getByTestId('people-table').locator('tbody tr').count()).toBe(1);

    const role = row.getByRole('combobox', { name: `Rolle von ${SINGLE_NAME}` });
    expect(await role.inputValue()).toBe('member');
    await role.selectOption('guest');
    await row.getByRole('button', { name: `Speichern: Rolle von ${SINGLE_NAME}` }).click();
    await expectToast(page, `Die Rolle von ${SINGLE_NAME} ist jetzt: Gast.`);

    const people = await api<{ people: PersonBody[] }>(
      context,
      baseUrl,
      `/api/tenants/${tenantId}/people?search=${SINGLE_USERNAME}`,
    );
    expect(people.people.map((person) => person.role)).toEqual(['guest']);
  });

  it('deactivates a person after a confirmation that Escape can cancel', async () => {
    const row = page.locator(`tr[data-person="${SINGLE_USERNAME}"]`);
    const deactivate = row.getByRole('button', { name: `Deaktivieren: ${SINGLE_NAME}` });
    await deactivate.click();
    const dialog = page.getByRole('dialog', { name: `${SINGLE_NAME} deaktivieren?` });
    await dialog.waitFor();
    expect(
      await dialog.getByRole('button', { name: 'Abbrechen' }).evaluate((element) => element === document.activeElement),
    ).toBe(true);
    // Focus stays inside the dialog.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the deactivation dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await deactivate.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await row.locator('.badge').textContent()).toBe('Aktiv');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Deaktivieren' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await expectToast(page, `${SINGLE_NAME} wurde deaktiviert.`);
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Deaktiviert');
    expect(await row.getByRole('button', { name: `Reaktivieren: ${SINGLE_NAME}` }).count()).toBe(1);

    const people = await api<{ people: PersonBody[] }>(
      context,
      baseUrl,
      `/api/tenants/${tenantId}/people?search=${SINGLE_USERNAME}`,
    );
    expect(people.people.map((person) => person.status)).toEqual(['deactivated']);
  });

  it('finds every step in the audit log', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Protokoll' }).click();
    await expectHeadingFocused(page, 'Protokoll');
    const table = page.getByTestId('audit-table');
    await table.waitFor({ timeout: 15_000 });
    const firstTime = (await table.locator('tbody time').first().textContent()) ?? '';
    expect(firstTime).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/);
    await expectNoSeriousA11yViolations(page, 'the audit log');
    await dismissToast(page);
    await saveScreenshot(page, 'admin-audit-de', { fullPage: false });

    /** Filters by action and pages with "Mehr laden" until a row matching `text` shows. */
    const findStep = async (action: string, label: string, text: string): Promise<Locator> => {
      await page.getByLabel('Aktion', { exact: true }).selectOption(action);
      await page.getByRole('button', { name: 'Filtern' }).click();
      await expect
        .poll(async () => {
          const actions = await table
            .locator('tbody tr')
            .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-action')))]);
          return actions;
        })
        .toEqual([action]);
      for (let pageNo = 0; pageNo < 10; pageNo += 1) {
        const row = table.locator(`tbody tr[data-action="${action}"]`).filter({ hasText: text });
        if ((await row.count()) > 0) {
          expect(await row.first().textContent()).toContain(label);
          return row.first();
        }
        const more = page.getByRole('button', { name: 'Mehr laden' });
        if ((await more.count()) === 0) break;
        const shown = await table.locator('tbody tr').count();
        await more.click();
        await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(shown);
      }
      throw new Error(`no ${action} entry with "${text}" in the audit log`);
    };

    const signIn = await findStep('auth.signIn', 'Anmeldung', 'Sitzung');
    expect(await signIn.getAttribute('data-outcome')).toBe('success');
    const created = await findStep('person.create', 'Person hinzugefügt', `Person ${SINGLE_USERNAME}`);
    expect(await created.textContent()).toContain('einzeln hinzugefügt');
    const imported = await findStep('person.import', 'Personen importiert', '200 Zeilen, 197 angelegt, 3 übersprungen');
    expect(await imported.textContent()).toContain('Amelie');
    const changed = await findStep('person.changeRole', 'Rolle geändert', `Person ${SINGLE_USERNAME}`);
    expect(await changed.textContent()).toContain('Mitglied → Gast');
    await findStep('person.deactivate', 'Person deaktiviert', `Person ${SINGLE_USERNAME}`);
    await expectNoSeriousA11yViolations(page, 'the filtered audit log');
  });

  it('speaks English completely after switching the language', async () => {
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await heading(page)).toBe('Audit log');
    await page.getByLabel('Action', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.locator('thead').textContent()).toContain('Outcome');
    const firstTime = (await table.locator('tbody time').first().textContent()) ?? '';
    expect(firstTime).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s?[AP]M$/);
    expect(await table.textContent()).toContain('Person deactivated');
    expect(await page.getByRole('navigation', { name: 'Administration' }).getByRole('link').allTextContents()).toEqual([
      'People',
      'Audit log',
      'Policies',
    ]);
    await expectNoSeriousA11yViolations(page, 'the English audit log');
    await dismissToast(page);
    await saveScreenshot(page, 'admin-audit-en', { fullPage: false });
    await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('signs out through the user menu', async () => {
    const menu = page.getByRole('banner').getByRole('button', { name: /Benutzermenü/ });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL((url) => url.href === `${baseUrl}/`, { timeout: 30_000 });
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).waitFor({ timeout: 15_000 });
    const session = await api<{ authenticated: boolean }>(context, baseUrl, '/api/session');
    expect(session.authenticated).toBe(false);
  });

  it('ran without script errors or blocked resources', () => {
    expect(problems).toEqual([]);
  });
});
