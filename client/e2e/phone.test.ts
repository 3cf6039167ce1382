import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoModerateA11yViolations } from './support/axe';
import { type OnePage, PHONE_WIDTH, germanPhonePage, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { tabTo } from './support/keyboard';
import { saveScreenshot } from './support/screenshots';
import { signInThroughTopBar } from './support/signIn';

/**
 * The workspace on a phone (390 × 844, touch), against the real stack: the signed-out landing,
 * the home page, the navigation drawer (by keyboard alone), the admin's people list, a room's
 * chat, its documents and its members panel — each screen as wide as the phone and no wider,
 * checked by axe (moderate and worse) in the light and in the dark colour scheme, with a
 * screenshot of each. Then the light/dark choice of the user menu, and the web app manifest.
 */

const RUN = Date.now().toString(36);
const ROOM = `Unterwegs ${RUN}`;
const MESSAGE = `Vom Telefon aus: Termin ${RUN} steht.`;

function menuButton(page: Page): Locator {
  return page.getByRole('banner').getByRole('button', { name: 'Menü', exact: true });
}

function drawer(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Navigation' });
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The document is exactly as wide as the phone; on failure, the elements that stick out are named. */
async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const measured = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.getClientRects().length > 0)
      .slice(0, 8)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().split(' ').join('.')}`);
    return { scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, outside };
  });
  expect(
    { document: measured.scrollWidth, body: measured.bodyWidth },
    `width of ${label} (wider: ${measured.outside.join(', ') || 'none'})`,
  ).toEqual({ document: PHONE_WIDTH, body: PHONE_WIDTH });
}

/**
 * One screen in the light and in the dark: no horizontal overflow, axe, a screenshot of each
 * (of the window, with `shown` scrolled to its top when given).
 */
async function checkScreen(page: Page, name: string, label: string, shown?: Locator): Promise<void> {
  await shown?.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoHorizontalOverflow(page, `${label} (${scheme})`);
    await expectNoModerateA11yViolations(page, `${label} on a phone (${scheme})`);
    await saveScreenshot(page, scheme === 'light' ? `phone-${name}-de` : `dark-${name}-de`, { fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the workspace on a phone', () => {
  let baseUrl: string;
  let phone: OnePage;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let person: FreshPerson;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    phone = await germanPhonePage();
    ({ context, page, problems } = phone);
    // A new admin of the demo tenant: their chat account has no devices from an earlier run.
    [person] = (await freshPeople(
      [{ firstName: 'Petra', lastName: `Telefon ${RUN}`, role: 'tenant-admin' }],
      `phone${RUN}`,
    )) as [FreshPerson];
  });

  afterAll(async () => {
    await phone?.close();
  });

  it('shows the signed-out landing page as wide as the phone, without the navigation', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).waitFor();
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Räume' }).isVisible()).toBe(false);
    await checkScreen(page, 'landing', 'the signed-out landing page');
  });

  it('signs in and shows the home page', async () => {
    await signInThroughTopBar(page, baseUrl, person.username, person.password);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .waitFor({ timeout: 15_000 });
    await page.locator('.home__facts').waitFor();
    await checkScreen(page, 'home', 'the home page');
  });

  it('opens and closes the navigation drawer by keyboard alone, with focus kept inside', async () => {
    const button = menuButton(page);
    await page.locator('body').focus();
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const controls = (await button.getAttribute('aria-controls')) ?? '';
    expect(await drawer(page).getAttribute('id')).toBe(controls);
    expect(await drawer(page).getAttribute('aria-modal')).toBe('true');
    const close = drawer(page).getByRole('button', { name: 'Menü schließen' });
    await expect.poll(() => isFocused(close)).toBe(true);

    // Shift+Tab from the first control wraps to the last; Tab from there back to the first.
    await page.keyboard.press('Shift+Tab');
    const last = drawer(page).getByRole('link', { name: 'Systemstatus' });
    expect(await isFocused(last)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(close)).toBe(true);
    // A full round of Tab never leaves the drawer.
    for (let presses = 0; presses < 12; presses += 1) {
      await page.keyboard.press('Tab');
      expect(await drawer(page).evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await expectNoHorizontalOverflow(page, 'the open drawer');
    await expectNoModerateA11yViolations(page, 'the open drawer on a phone');
    await saveScreenshot(page, 'phone-drawer-de', { fullPage: false });

    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await drawer(page).count()).toBe(0);
    await expect.poll(() => isFocused(button)).toBe(true);

    // Following a link closes the drawer; the new page's heading takes focus.
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(close)).toBe(true);
    await tabTo(page, drawer(page).getByRole('link', { name: 'Personen', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/admin/people'));
    const heading = page.getByRole('heading', { level: 1, name: 'Personen' });
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the people list as cards, the table kept for screen readers', async () => {
    const table = page.getByTestId('people-table');
    await table.waitFor();
    expect(await page.getByRole('table').count()).toBeGreaterThan(0);
    const row = table.locator('tbody tr').first();
    expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('block');
    const labels = await row.locator('td').evaluateAll((cells) => cells.map((cell) => cell.dataset.label));
    expect(labels).toEqual(['Rolle', 'Status und Abgleich', 'Aktionen']);
    // The caption spans the cards, on one line at this width.
    const caption = await table.locator('caption').evaluate((element) => ({
      width: element.getBoundingClientRect().width,
      table: element.parentElement?.getBoundingClientRect().width ?? 0,
    }));
    expect(caption.width).toBeGreaterThanOrEqual(caption.table - 1);
    // The cards fit: nothing of them is scrolled away inside the table's frame.
    expect(
      await table.evaluate((element) => element.parentElement?.scrollWidth === element.parentElement?.clientWidth),
    ).toBe(true);
    await checkScreen(page, 'admin-people', 'the people list', table);
  });

  it('shows the audit log and the policies as wide as the phone', async () => {
    await menuButton(page).click();
    await drawer(page).getByRole('link', { name: 'Protokoll', exact: true }).click();
    const audit = page.getByTestId('audit-table');
    await audit.waitFor({ timeout: 15_000 });
    expect(
      await audit
        .locator('tbody tr')
        .first()
        .evaluate((element) => getComputedStyle(element).display),
    ).toBe('block');
    await checkScreen(page, 'admin-audit', 'the audit log', audit);

    await menuButton(page).click();
    await drawer(page).getByRole('link', { name: 'Richtlinien', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoHorizontalOverflow(page, 'the policies');
  });

  it('creates a room from the drawer and writes in its chat, the composer as wide as the screen', async () => {
    await menuButton(page).click();
    await drawer(page).getByRole('button', { name: 'Neuer Raum' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Raum' });
    await dialog.getByLabel('Name des Raums').fill(ROOM);
    await dialog.getByLabel('Privat – nur hinzugefügte Personen').check();
    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');

    await page.getByRole('button', { name: 'Mit dem Chat verbinden' }).click({ timeout: 60_000 });
    const composer = page.getByRole('textbox', { name: /^Nachricht an / });
    await composer.waitFor({ timeout: 60_000 });
    await composer.fill(MESSAGE);
    await composer.press('Enter');
    await page.getByRole('log', { name: 'Nachrichten' }).getByRole('article').filter({ hasText: MESSAGE }).waitFor({
      timeout: 30_000,
    });

    const widths = await page.evaluate(() => ({
      face: document.querySelector('[data-testid="room-face"]')?.getBoundingClientRect().width ?? 0,
      input: document.querySelector('.composer__input')?.getBoundingClientRect().width ?? 0,
    }));
    expect(widths.input, 'the message field').toBeGreaterThanOrEqual(widths.face - 1);
    const tabs = page.getByRole('tablist', { name: 'Ansichten des Raums' });
    expect(await tabs.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // Each tab's name stays on one line.
    const lines = await tabs.getByRole('tab').evaluateAll((all) =>
      all.map((tab) => {
        const range = document.createRange();
        range.selectNodeContents(tab);
        return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
      }),
    );
    expect(lines).toEqual(lines.map(() => 1));
    await checkScreen(page, 'room-chat', "the room's chat");
  });

  it("shows the room's documents", async () => {
    await page.getByRole('tablist', { name: 'Ansichten des Raums' }).getByRole('tab', { name: 'Dokumente' }).click();
    await page
      .getByText('Noch keine Dokumente — laden Sie eine Datei hoch oder legen Sie ein Dokument an.')
      .waitFor({ timeout: 15_000 });
    await checkScreen(page, 'room-documents', "the room's documents");
  });

  it('opens the members and settings as a full-width panel in place of the room', async () => {
    await page.getByRole('button', { name: 'Mitglieder und Einstellungen' }).click();
    const settings = page.getByTestId('room-settings');
    await settings.waitFor();
    expect(await page.getByTestId('room-face').isVisible()).toBe(false);
    const widths = await page.evaluate(() => ({
      panel: document.querySelector('[data-testid="room-settings"]')?.getBoundingClientRect().width ?? 0,
      header: document.querySelector('.room-header')?.getBoundingClientRect().width ?? 0,
    }));
    expect(widths.panel).toBeGreaterThanOrEqual(widths.header - 1);
    await checkScreen(page, 'room-settings', 'the members and settings panel');
    await settings.getByRole('button', { name: 'Schließen', exact: true }).click();
    await page.getByTestId('room-face').waitFor();
  });

  it('keeps a dark choice made in the user menu over a reload, and gives the choice back to the system', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const html = page.locator('html');
    const light = await background();
    const menu = page.getByRole('banner').getByRole('button', { name: /Benutzermenü/ });
    await menu.click();
    await page.getByRole('radio', { name: 'Dunkel' }).check();
    expect(await html.getAttribute('data-theme')).toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await expectNoModerateA11yViolations(page, 'the user menu in the dark');
    await saveScreenshot(page, 'dark-user-menu-de', { fullPage: false });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    expect(await html.getAttribute('data-theme')).toBe('dark');
    expect(await background()).toBe(dark);

    await menu.click();
    expect(await page.getByRole('radio', { name: 'Dunkel' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Wie das System' }).check();
    expect(await html.getAttribute('data-theme')).toBeNull();
    expect(await background()).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
  });

  it('links a web app manifest the server sends with its type, its icons with theirs', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await context.request.get(`${baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as { name: string; display: string; icons: { src: string }[] };
    expect(manifest).toMatchObject({ name: 'Arbeitsbereich', display: 'standalone' });
    for (const icon of manifest.icons) {
      const answer = await context.request.get(`${baseUrl}${icon.src}`);
      expect(answer.status(), icon.src).toBe(200);
      expect(answer.headers()['content-type'], icon.src).toMatch(/^image\/(png|svg\+xml)/);
    }
  });

  it('ran without script errors or blocked resources', () => {
    expect(problems).toEqual([]);
  });
});
