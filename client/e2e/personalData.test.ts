import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../server/test/support/zipReader';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { tabTo } from './support/keyboard';
import { demoPassword, signedInGermanPage } from './support/signIn';

/**
 * A person's export and erasure in the browser, in German, by keyboard: the person exports their own
 * data from the start page ("Meine Daten exportieren") and downloads the archive; the tenant admin
 * erases them through the dialog that asks for their name, and reads the report.
 */

const RUN = `gdpr${Date.now().toString(36)}`;

describe('export and erasure in the browser', () => {
  let baseUrl: string;
  let browser: Browser;
  let person: FreshPerson;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];

  async function signedIn(username: string, password: string): Promise<Page> {
    const signedIn = await signedInGermanPage(browser, baseUrl, username, password);
    contexts.push(signedIn.context);
    problems.push(signedIn.problems);
    return signedIn.page;
  }

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    [person] = (await freshPeople([{ firstName: 'Petra', lastName: `Probe ${RUN}` }], RUN)) as [FreshPerson];
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('lets a person export their own data from the start page and download the archive', async () => {
    const page = await signedIn(person.username, person.password);
    const section = page.getByRole('region', { name: 'Meine Daten' });
    await section.waitFor();
    const ask = section.getByRole('button', { name: 'Meine Daten exportieren' });
    await tabTo(page, ask, 40);
    await page.keyboard.press('Enter');
    const link = section.getByRole('link', { name: /^Export vom .* herunterladen$/ });
    await link.waitFor({ timeout: 60_000 });
    expect(await section.textContent()).toContain('abrufbar bis');
    await expectNoSeriousA11yViolations(page, 'the start page with a ready export');

    await tabTo(page, link, 10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const files = await readZip(await readFile((await download.path())!));
    const profile = JSON.parse(files.get('profile.json')!.toString()) as { person: { username: string } };
    expect(profile.person.username).toBe(person.username);
    expect(files.get('README.md')!.toString()).toContain('Ihre Daten im Arbeitsbereich');
    expect(problems.at(-1)).toEqual([]);
  });

  it('lets the tenant admin erase the person after typing their name, and shows the report', async () => {
    const page = await signedIn('amelie.admin', demoPassword());
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personen' }).click();
    const search = page.getByRole('search', { name: 'Personen suchen' });
    await search.getByLabel('Suche nach Name, E-Mail-Adresse oder Anmeldename').fill(person.username);
    await search.getByRole('button', { name: 'Suchen' }).click();
    const row = page.locator(`tr[data-person="${person.username}"]`);
    await row.waitFor();
    const erase = row.getByRole('button', { name: `${person.displayName} endgültig löschen (DSGVO)` });
    await tabTo(page, erase, 60);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: `${person.displayName} endgültig löschen?` });
    await dialog.waitFor();
    const field = dialog.getByLabel(`Zur Bestätigung den Namen eingeben: ${person.displayName}`);
    await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page, 'the erasure dialog');
    // A wrong name erases nothing: the button stays inactive.
    await page.keyboard.type('Jemand Anderes');
    await page.keyboard.press('Enter');
    expect(await dialog.getByRole('button', { name: 'Endgültig löschen' }).getAttribute('aria-disabled')).toBe('true');
    await field.fill('');
    await page.keyboard.type(person.displayName);
    await tabTo(page, dialog.getByRole('button', { name: 'Endgültig löschen' }), 5);
    await page.keyboard.press('Enter');

    const status = dialog.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toContain('Pseudonym erased-');
    const report = (await status.textContent()) ?? '';
    expect(report).toContain('Anmeldung (Keycloak): Konto gelöscht, Sitzungen beendet');
    expect(report).toContain('Chat (Synapse): Konto deaktiviert und gelöscht');
    expect(report).toMatch(/Protokoll: \d+ (Eintrag|Einträge) pseudonymisiert/);
    await expectNoSeriousA11yViolations(page, 'the erasure report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Bericht herunterladen' }).click(),
    ]);
    const saved = JSON.parse(await readFile((await download.path())!, 'utf8')) as { parts: { part: string }[] };
    expect(saved.parts.map((p) => p.part)).toEqual(expect.arrayContaining(['keycloak', 'synapse', 'audit']));

    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The person is gone from the list under their name; the report stays among the tenant's reports.
    await expect.poll(() => page.locator(`tr[data-person="${person.username}"]`).count()).toBe(0);
    const pseudonym = /Pseudonym (erased-[0-9a-f]+)/.exec(report)?.[1] ?? 'none';
    const reports = page.getByRole('region', { name: 'Löschberichte' });
    await expect.poll(() => reports.textContent()).toContain(`${pseudonym}, gelöscht am`);
    expect(await reports.textContent()).not.toContain(person.displayName);
    await reports.getByRole('button', { name: `Bericht zu ${pseudonym} herunterladen` }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the people page with its erasure reports');
    expect(problems.at(-1)).toEqual([]);
  });
});
