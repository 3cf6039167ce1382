import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { tabTo } from './support/keyboard';
import { watchPageProblems } from './support/pageProblems';
import { type ReadyzBody, fetchReadyz } from './support/readiness';
import { saveScreenshot } from './support/screenshots';

interface Wording {
  lang: string;
  title: string;
  refresh: string;
  signIn: string;
  rooms: string;
  noRooms: string;
  languageGroup: string;
  loading: string;
  services: string;
  parts: Record<string, string>;
  up: string;
  down: string;
  ready: string;
  notReady: string;
}

const GERMAN: Wording = {
  lang: 'de',
  title: 'Systemstatus',
  refresh: 'Aktualisieren',
  signIn: 'Anmelden',
  rooms: 'Räume',
  noRooms: 'Noch keine Räume',
  languageGroup: 'Sprache',
  loading: 'Systemstatus wird abgerufen',
  services: 'Dienste',
  parts: { database: 'Datenbank', keycloak: 'Keycloak', synapse: 'Synapse' },
  up: 'Verfügbar',
  down: 'Nicht verfügbar',
  ready: 'Der Arbeitsbereich ist betriebsbereit.',
  notReady: 'Der Arbeitsbereich ist noch nicht betriebsbereit.',
};

const ENGLISH: Wording = {
  lang: 'en',
  title: 'System status',
  refresh: 'Refresh',
  signIn: 'Sign in',
  rooms: 'Rooms',
  noRooms: 'No rooms yet',
  languageGroup: 'Language',
  loading: 'Retrieving system status',
  services: 'Services',
  parts: { database: 'Database', keycloak: 'Keycloak', synapse: 'Synapse' },
  up: 'Available',
  down: 'Unavailable',
  ready: 'The workspace is ready.',
  notReady: 'The workspace is not ready yet.',
};

async function waitForStatus(page: Page, wording: Wording): Promise<void> {
  const summary = page.getByRole('status');
  await summary.waitFor();
  await expect
    .poll(async () => (await summary.textContent()) ?? '', { timeout: 15_000 })
    .not.toContain(wording.loading);
  await expect.poll(async () => (await summary.textContent())?.trim() ?? '').not.toBe('');
}

async function expectShellIn(page: Page, wording: Wording): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe(wording.lang);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(wording.title);
  expect(await page.getByRole('button', { name: wording.refresh, exact: true }).count()).toBe(1);
  const signIn = page.getByRole('link', { name: wording.signIn, exact: true });
  expect(await signIn.getAttribute('href')).toBe(`/auth/login?returnTo=%2Fstatus&lang=${wording.lang}`);
  expect(await page.getByRole('group', { name: wording.languageGroup }).count()).toBe(1);
  const nav = page.getByRole('navigation', { name: wording.rooms });
  expect(await nav.textContent()).toContain(wording.noRooms);
  expect(await page.getByRole('banner').count()).toBe(1);
  expect(await page.getByRole('main').count()).toBe(1);
}

async function expectParts(page: Page, wording: Wording, readyz: ReadyzBody): Promise<void> {
  const list = page.getByRole('list', { name: wording.services });
  if (readyz.checks === undefined) {
    // Not a platform admin: the server says only whether the workspace is ready, the page lists no parts.
    expect(await list.count()).toBe(0);
    const summary = (await page.getByRole('status').textContent()) ?? '';
    expect(summary).toContain(readyz.status === 'ready' ? wording.ready : wording.notReady);
    return;
  }
  const entries = Object.entries(readyz.checks);
  expect(await list.getByRole('listitem').count()).toBe(entries.length);
  for (const [name, check] of entries) {
    const label = wording.parts[name] ?? name;
    const item = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
    expect(await item.count(), `part ${name} shown as "${label}"`).toBe(1);
    const state = (await item.locator('.part__state').textContent())?.trim();
    expect(state, `state of ${name}`).toBe(check.status === 'up' ? wording.up : wording.down);
    const text = (await item.textContent()) ?? '';
    expect(text).toMatch(/\d+\s*ms/);
    if (check.status === 'down' && check.detail) expect(text).toContain(check.detail);
  }
}

describe('workspace shell', () => {
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let readyz: ReadyzBody;
  let problems: string[];

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    problems = watchPageProblems(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('opens in German and shows every part /readyz reports', async () => {
    await page.goto(`${baseUrl}/status`);
    await waitForStatus(page, GERMAN);
    readyz = await fetchReadyz(baseUrl);
    await expectShellIn(page, GERMAN);
    await expectParts(page, GERMAN, readyz);
    await expectNoSeriousA11yViolations(page, 'the German shell');
    await saveScreenshot(page, 'shell-de');
  });

  it('switches to English by keyboard alone', async () => {
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Zum Hauptinhalt springen' });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);

    const english = page.getByRole('button', { name: 'English', exact: true });
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    await tabTo(page, english);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    await expectShellIn(page, ENGLISH);
    await expectParts(page, ENGLISH, readyz);
  });

  it('keeps English after a reload', async () => {
    await page.reload();
    await waitForStatus(page, ENGLISH);
    readyz = await fetchReadyz(baseUrl);
    await expectShellIn(page, ENGLISH);
    await expectParts(page, ENGLISH, readyz);
    await expectNoSeriousA11yViolations(page, 'the English shell');
    await saveScreenshot(page, 'shell-en');
  });

  it('ran without script errors or blocked resources', () => {
    expect(problems).toEqual([]);
  });
});
