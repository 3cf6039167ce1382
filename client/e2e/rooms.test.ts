import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { demoPassword, signInThroughTopBar } from './support/signIn';
import { dismissToast, expectToast } from './support/toasts';

/**
 * Rooms as the demo tenant admin manages them, against the real stack: create a room,
 * add a member, change their role, rename the room — while the member, signed in in a
 * second browser, sees the room appear and change in their list without a reload.
 */

const ADMIN = 'amelie.admin';
const MEMBER = 'bernd.beispiel';
const MEMBER_NAME = 'Bernd Beispiel';
/** The demo tenant's guest. */
const GUEST = 'gabi.gast';
const GUEST_NAME = 'Gabi Gast';

/** Unique per run, so reruns on the same stack never collide. */
const RUN = Date.now().toString(36);
const ROOM = `Haushalt ${RUN}`;
const RENAMED = `Haushalt 2026 ${RUN}`;
const TOPIC = 'Planung des Haushalts mit den Fachbereichen';

function roomNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Räume' });
}

async function roomNames(page: Page): Promise<string[]> {
  const links = roomNav(page).locator('.room-link__name');
  return (await links.allTextContents()).map((name) => name.trim());
}

/** The screenshots show the room once its chat room is set up, if that happens within a while. */
async function waitForSyncToSettle(page: Page): Promise<void> {
  const pending = page.locator('.room-facts [data-sync="pending"]');
  for (let tries = 0; tries < 60 && (await pending.count()) > 0; tries += 1) await page.waitForTimeout(500);
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1360, height: 900 }, reducedMotion: 'reduce', locale: 'de-DE' });
}

describe('rooms', () => {
  let baseUrl: string;
  let browser: Browser;
  let adminContext: BrowserContext;
  let memberContext: BrowserContext;
  let admin: Page;
  let member: Page;
  let adminProblems: string[];
  let memberProblems: string[];
  let roomPath: string;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    adminContext = await newContext(browser);
    memberContext = await newContext(browser);
    admin = await adminContext.newPage();
    member = await memberContext.newPage();
    adminProblems = watchPageProblems(admin);
    memberProblems = watchPageProblems(member);
  });

  afterAll(async () => {
    await adminContext?.close();
    await memberContext?.close();
    await browser?.close();
  });

  it('signs in the tenant admin and the member in two browsers', async () => {
    for (const [page, username] of [
      [admin, ADMIN],
      [member, MEMBER],
    ] as const) {
      await page.goto(`${baseUrl}/`);
      await signInThroughTopBar(page, baseUrl, username, demoPassword());
      await page
        .getByRole('banner')
        .getByRole('button', { name: /Benutzermenü/ })
        .waitFor({ timeout: 15_000 });
    }
    await roomNav(admin).getByRole('button', { name: 'Neuer Raum' }).waitFor({ timeout: 15_000 });
    expect(await roomNames(member)).not.toContain(ROOM);
  });

  it('creates a room in the dialog, with the checks of its fields', async () => {
    await roomNav(admin).getByRole('button', { name: 'Neuer Raum' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Neuer Raum' });
    await dialog.waitFor();
    const name = dialog.getByLabel('Name des Raums');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);

    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toContain('Bitte geben Sie einen Namen ein.');
    await expectNoSeriousA11yViolations(admin, 'the new room dialog');

    await name.fill(ROOM);
    await dialog.getByLabel('Thema (optional)').fill(TOPIC);
    await dialog.getByLabel('Privat – nur hinzugefügte Personen').check();
    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();

    await admin.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    roomPath = new URL(admin.url()).pathname;
    await admin.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    expect(await admin.getByRole('main').textContent()).toContain(TOPIC);
    await expectToast(admin, `Der Raum „${ROOM}“ wurde angelegt`);

    const link = roomNav(admin).getByRole('link', { name: new RegExp(ROOM) });
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await link.getAttribute('href')).toBe(roomPath);
    expect(await link.textContent()).toContain('verschlüsselt');
  });

  it('adds the member, who sees the room appear without a reload', async () => {
    const toggle = admin.getByRole('button', { name: 'Mitglieder und Einstellungen' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const settings = admin.getByTestId('room-settings');
    const members = settings.getByTestId('room-members');
    await members.waitFor();
    expect(await members.locator(`[data-member="${ADMIN}"]`).textContent()).toContain('Inhaber*in');

    // A guest of the tenant can be only a guest of the room: the server offers nothing else.
    const person = settings.getByRole('combobox', { name: 'Person' });
    const role = settings.getByLabel('Rolle im Raum');
    // The form appears once the tenant's people have loaded; reading options does not wait for it.
    await role.waitFor();
    expect(await role.locator('option').allTextContents()).toContain('Moderator*in');
    await person.click();
    await person.pressSequentially('gabi');
    await settings.getByRole('option', { name: new RegExp(GUEST_NAME) }).click();
    expect(await person.inputValue()).toBe(`${GUEST_NAME} (${GUEST})`);
    expect(await role.locator('option').allTextContents()).toEqual(['Gast']);
    await person.fill('');

    // The person is chosen by keyboard: type, arrow down, Enter.
    await person.click();
    await person.pressSequentially('bernd');
    await settings.getByRole('option', { name: new RegExp(MEMBER_NAME) }).waitFor();
    await person.press('ArrowDown');
    expect(await person.getAttribute('aria-activedescendant')).toBeTruthy();
    await person.press('Enter');
    expect(await person.inputValue()).toBe(`${MEMBER_NAME} (${MEMBER})`);
    expect(await role.locator('option').allTextContents()).toContain('Moderator*in');
    await role.selectOption('member');
    await settings.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await expectToast(admin, `${MEMBER_NAME} wurde als Mitglied hinzugefügt.`);
    await members.locator(`[data-member="${MEMBER}"]`).waitFor({ timeout: 15_000 });

    // Live update: the member's list changes while the page stays as it is.
    await expect.poll(() => roomNames(member), { timeout: 15_000 }).toContain(ROOM);
  });

  it('changes the member’s role', async () => {
    const settings = admin.getByTestId('room-settings');
    await settings.getByLabel(`Rolle von ${MEMBER_NAME}`, { exact: true }).selectOption('moderator');
    await settings.getByRole('button', { name: `Speichern: Rolle von ${MEMBER_NAME}` }).click();
    await expectToast(admin, `${MEMBER_NAME} ist jetzt Moderator*in.`);
    await expect
      .poll(() => settings.getByLabel(`Rolle von ${MEMBER_NAME}`, { exact: true }).inputValue(), { timeout: 15_000 })
      .toBe('moderator');

    // The member sees their new role when they open the room.
    await roomNav(member)
      .getByRole('link', { name: new RegExp(ROOM) })
      .click();
    await member.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    await expect.poll(async () => (await member.locator('.room-facts').textContent()) ?? '').toContain('Moderator*in');
  });

  it('renames the room, and the member’s open page follows', async () => {
    const settings = admin.getByTestId('room-settings');
    const name = settings.getByLabel('Name', { exact: true });
    await name.fill(RENAMED);
    await settings.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expectToast(admin, 'Die Änderungen am Raum wurden gespeichert.');
    await admin.getByRole('heading', { level: 1, name: RENAMED }).waitFor();
    await expect.poll(() => roomNames(admin), { timeout: 15_000 }).toContain(RENAMED);

    await member.getByRole('heading', { level: 1, name: RENAMED }).waitFor({ timeout: 15_000 });
    await expect.poll(() => roomNames(member), { timeout: 15_000 }).toContain(RENAMED);
  });

  it('passes axe on the room page with its settings, and shows what it looks like', async () => {
    await expectNoSeriousA11yViolations(admin, 'the room page with its settings');
    await dismissToast(admin);
    await waitForSyncToSettle(admin);
    await saveScreenshot(admin, 'room-settings-de');

    await admin.getByRole('button', { name: 'Schließen', exact: true }).click();
    await expectNoSeriousA11yViolations(admin, 'the room page');
    await saveScreenshot(admin, 'rooms-de');
    expect([...adminProblems, ...memberProblems]).toEqual([]);
  });

  it('keeps a "Neuer Raum" dialog opened before the chat has loaded, with what was typed', async () => {
    // Every script the shell does not load itself (the chat, lazily) is held back until the
    // dialog is open and filled in.
    const shell = shellScripts(await (await fetch(`${baseUrl}/`)).text());
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    const held: string[] = [];
    const arrived: string[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (!shell.has(path)) {
        held.push(path);
        await released;
      }
      await route.continue();
    });
    page.on('requestfinished', (request) => arrived.push(new URL(request.url()).pathname));
    try {
      await page.goto(`${baseUrl}/`);
      await signInThroughTopBar(page, baseUrl, MEMBER, demoPassword());
      await roomNav(page).getByRole('button', { name: 'Neuer Raum' }).click();
      const dialog = page.getByRole('dialog', { name: 'Neuer Raum' });
      await dialog.getByLabel('Name des Raums').fill(`Entwurf ${RUN}`);
      expect(held.length).toBeGreaterThan(0);

      release();
      await expect.poll(() => held.every((path) => arrived.includes(path)), { timeout: 30_000 }).toBe(true);
      // The chat's module renders right after it arrives; the dialog must outlive that.
      for (let look = 0; look < 10; look += 1) {
        expect(await dialog.getByLabel('Name des Raums').inputValue({ timeout: 1_000 })).toBe(`Entwurf ${RUN}`);
        await page.waitForTimeout(100);
      }
      await dialog.getByRole('button', { name: 'Abbrechen' }).click();
      expect(problems).toEqual([]);
    } finally {
      release();
      await context.close();
    }
  });
});

/** The scripts index.html loads itself: the entry and what it preloads. */
function shellScripts(html: string): Set<string> {
  return new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? ''));
}
