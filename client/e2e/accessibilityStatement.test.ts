import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, workspaceUrl } from './support/browser';
import { tabTo } from './support/keyboard';
import { saveScreenshot } from './support/screenshots';
import { demoPassword, signInThroughTopBar } from './support/signIn';

/** A member of the demo tenant. */
const MEMBER = 'bernd.beispiel';

/** The installation's settings the test stack gives the backend (deploy/local/lib/stack.mjs). */
function configured(name: 'IMPRINT_URL' | 'PRIVACY_POLICY_URL' | 'ACCESSIBILITY_CONTACT_EMAIL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run against the test stack (\`npm test\` or stack.env).`);
  return value;
}

function footer(page: Page): Locator {
  return page.getByRole('contentinfo').getByRole('navigation', { name: 'Rechtliches' });
}

/** From wherever the page is: Tab to the footer's link, as a keyboard user would, and follow it. */
async function openStatementByKeyboard(page: Page, maxTabs: number): Promise<void> {
  const link = footer(page).getByRole('link', { name: 'Barrierefreiheit', exact: true });
  await link.waitFor();
  await tabTo(page, link, maxTabs);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/barrierefreiheit');
  await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor();
}

async function expectStatement(page: Page, label: string): Promise<void> {
  const main = page.getByRole('main');
  for (const section of [
    'Stand der Vereinbarkeit mit den Anforderungen',
    'Nicht barrierefreie Inhalte',
    'Erstellung dieser Erklärung',
    'Barrieren melden: Feedback und Kontakt',
    'Schlichtungsverfahren',
  ]) {
    expect(await main.getByRole('heading', { level: 2, name: section }).count(), section).toBe(1);
  }
  const contact = configured('ACCESSIBILITY_CONTACT_EMAIL');
  expect(await main.getByRole('link', { name: contact }).getAttribute('href')).toBe(`mailto:${contact}`);
  expect(await main.textContent()).toContain('Schlichtungsstelle nach dem Behindertengleichstellungsgesetz');
  expect(await page.title()).toBe('Erklärung zur Barrierefreiheit – Arbeitsbereich');
  await expectNoSeriousA11yViolations(page, label);
}

async function expectLegalLinks(page: Page): Promise<void> {
  const links = footer(page);
  expect(await links.getByRole('link', { name: 'Impressum', exact: true }).getAttribute('href')).toBe(
    configured('IMPRINT_URL'),
  );
  expect(await links.getByRole('link', { name: 'Datenschutzerklärung', exact: true }).getAttribute('href')).toBe(
    configured('PRIVACY_POLICY_URL'),
  );
}

describe('accessibility statement', () => {
  let baseUrl: string;
  let page: Page;
  let problems: string[];
  let close: () => Promise<void>;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    ({ page, problems, close } = await germanDesktopPage());
  });

  afterAll(async () => {
    await close?.();
  });

  it('is reached by keyboard alone from the signed-out page, and passes axe', async () => {
    await page.goto(`${baseUrl}/`);
    await expectLegalLinks(page);
    await openStatementByKeyboard(page, 30);
    await expectStatement(page, 'the accessibility statement, signed out');
    await expectLegalLinks(page);
    await saveScreenshot(page, 'accessibility-statement-de');
  });

  it('is there in English too', async () => {
    const english = page.getByRole('button', { name: 'English', exact: true });
    await tabTo(page, english, 40);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    const legal = page.getByRole('contentinfo').getByRole('navigation', { name: 'Legal' });
    expect(await legal.getByRole('link', { name: 'Legal notice', exact: true }).getAttribute('href')).toBe(
      configured('IMPRINT_URL'),
    );
    expect(await page.getByRole('heading', { level: 2, name: 'Enforcement procedure' }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'the English accessibility statement');
    const german = page.getByRole('button', { name: 'Deutsch', exact: true });
    await tabTo(page, german, 40);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor();
  });

  it('is reached by keyboard alone from the signed-in home, and passes axe', async () => {
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, MEMBER, demoPassword());
    await page.goto(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('button', { name: /Bernd/ }).waitFor();
    await expectLegalLinks(page);
    await openStatementByKeyboard(page, 120);
    await expectStatement(page, 'the accessibility statement, signed in');
  });

  it('ran without script errors or blocked resources', () => {
    expect(problems).toEqual([]);
  });
});
