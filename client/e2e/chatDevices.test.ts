import '../test/support/promiseWithResolvers';
import { AllDevicesIsolationMode } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, signInDemo } from '../../server/test/support/signIn';
import { serviceLoginAs, tokenWorks, type DeviceWithoutOwner } from '../../server/test/support/matrixAdmin';
import { startChatSession } from '../src/features/chat/matrix/chatSession';
import { sendMessage } from '../src/features/chat/matrix/roomActions';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { tabTo } from './support/keyboard';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { signInThroughTopBar } from './support/signIn';

/**
 * A person's chat devices: the browser connects to the chat (and, as the
 * account's first device, cross-signs itself); another device is made for the
 * account without the person (with the application service's token); the
 * devices page shows both, the other as not confirmed, and the person removes
 * it with the keyboard. A message that device sends into a room is not
 * decrypted in the browser and says why. The server refuses
 * to remove a colleague's device, and the removal is in the audit log.
 */

const RUN = Date.now().toString(36);

interface StoredDevice {
  userId: string;
  deviceId: string;
  refreshToken?: string;
  expiresAt?: number;
}

describe('chat devices', () => {
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let person: FreshPerson;
  let colleague: FreshPerson;
  let mine: StoredDevice;
  let rogue: DeviceWithoutOwner;

  const table = () => page.getByRole('table', { name: /angemeldete(s)? Geräte?/ });
  const row = (deviceId: string) => table().locator(`tr[data-device="${deviceId}"]`);

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    [person, colleague] = (await freshPeople(
      [
        { firstName: 'Gerda', lastName: `Geräte ${RUN}` },
        { firstName: 'Kurt', lastName: `Kollege ${RUN}` },
      ],
      `devices${RUN}`,
    )) as [FreshPerson, FreshPerson];
    context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
    });
    page = await context.newPage();
    problems = watchPageProblems(page);
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, person.username, person.password);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('opens the devices page from the user menu and connects the browser to the chat there', async () => {
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .click();
    await page.getByRole('link', { name: 'Chat-Geräte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat-Geräte' }).waitFor();
    await page.getByRole('button', { name: 'Mit dem Chat verbinden' }).click({ timeout: 60_000 });
    await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname === '/chat/geraete', {
      timeout: 60_000,
    });
    await table().waitFor({ timeout: 60_000 });
    const raw = await page.evaluate(() => localStorage.getItem('arbeitsbereich.chat.device'));
    mine = JSON.parse(raw ?? '{}') as StoredDevice;
    expect(mine.deviceId).toBeTruthy();
    // Its access token expires within minutes and is renewed with the refresh token (ADR 0029).
    expect(mine.refreshToken).toEqual(expect.any(String));
    expect(mine.expiresAt).toBeGreaterThan(Date.now());
    expect(mine.expiresAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    const own = row(mine.deviceId);
    expect(await own.textContent()).toContain('dieser Browser');
    // The account's first device made its cross-signing identity and signed itself.
    expect(await own.textContent()).toContain('Bestätigt');
    expect(await own.getByRole('button').count()).toBe(0);
  });

  it('shows a device made for the person without them as not confirmed', async () => {
    rogue = await serviceLoginAs(mine.userId);
    await page.reload();
    await row(rogue.deviceId).waitFor({ timeout: 60_000 });
    expect(await table().locator('tbody tr').count()).toBe(2);
    const text = (await row(rogue.deviceId).textContent()) ?? '';
    expect(text).toContain('Nicht bestätigt – erhält keine Schlüssel');
    expect(text).not.toContain('1970');
    expect(text).not.toContain('dieser Browser');
    expect(await row(mine.deviceId).textContent()).toContain('Bestätigt');
    await expectNoSeriousA11yViolations(page, 'the chat devices page');
    await saveScreenshot(page, 'chat-devices-de');
  });

  it('a message from that device is not decrypted in the browser and says it came from an unconfirmed device', async () => {
    await page.getByRole('navigation', { name: 'Räume' }).getByRole('button', { name: 'Neuer Raum' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Raum' });
    await dialog.getByLabel('Name des Raums').fill(`Geräteprobe ${RUN}`);
    await dialog.getByLabel('Privat – nur hinzugefügte Personen').check();
    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    await page.getByRole('textbox', { name: /^Nachricht an / }).waitFor({ timeout: 60_000 });
    const session = (await (await context.request.get(`${baseUrl}/api/session`)).json()) as {
      actor: { tenantId: string };
    };
    const roomId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const room = (await (
      await context.request.get(`${baseUrl}/api/tenants/${session.actor.tenantId}/rooms/${roomId}`)
    ).json()) as { matrixRoomId: string };

    // Whoever holds that device writes as the person, sharing its keys with every device.
    const forger = await startChatSession(
      { homeserverUrl: process.env.MATRIX_HOMESERVER_URL ?? '', ...rogue },
      { cryptoStore: 'memory', crossSigning: 'never' },
    );
    try {
      forger.client.getCrypto()?.setDeviceIsolationMode(new AllDevicesIsolationMode(false));
      await sendMessage(forger.client, room.matrixRoomId, `Bitte sofort überweisen ${RUN}`);
    } finally {
      await forger.stop();
    }
    const log = page.getByRole('log', { name: 'Nachrichten' });
    await log
      .getByText(
        'Diese Nachricht wurde von einem nicht bestätigten Gerät gesendet und wird deshalb nicht entschlüsselt.',
      )
      .waitFor({ timeout: 30_000 });
    expect(await log.textContent()).not.toContain('überweisen');
    await expectNoSeriousA11yViolations(page, 'a room with a message from an unconfirmed device');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .click();
    await page.getByRole('link', { name: 'Chat-Geräte' }).click();
    await table().waitFor({ timeout: 60_000 });
  });

  it('the server refuses to remove a colleague’s device and does not know another’s device under one’s own account', async () => {
    const session = (await (await context.request.get(`${baseUrl}/api/session`)).json()) as {
      csrfToken: string;
      actor: { tenantId: string; userId: string };
    };
    const admin = await signInDemo('amelie.admin');
    const people = (await (
      await fetchAs(admin, `/api/tenants/${session.actor.tenantId}/people?search=${colleague.username}`)
    ).json()) as {
      people: { id: string; username: string }[];
    };
    const colleagueId = people.people.find((p) => p.username === colleague.username)?.id ?? '';
    const headers = { 'X-CSRF-Token': session.csrfToken, Origin: baseUrl };
    const path = (personId: string, deviceId: string) =>
      `${baseUrl}/api/tenants/${session.actor.tenantId}/people/${personId}/chat-devices/${deviceId}`;
    const foreign = await context.request.delete(path(colleagueId, rogue.deviceId), { headers });
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()['content-type']).toContain('application/problem+json');
    const colleagueDevice = await serviceLoginAs(mine.userId.replace(person.username, colleague.username));
    const notMine = await context.request.delete(path(session.actor.userId, colleagueDevice.deviceId), { headers });
    expect(notMine.status()).toBe(404);
    expect(await tokenWorks(colleagueDevice.accessToken)).toBe(true);
    expect(await tokenWorks(rogue.accessToken)).toBe(true);
  });

  it('removes that device with the keyboard; it is signed out and the removal is audited', async () => {
    const remove = row(rogue.deviceId).getByRole('button', { name: `Gerät entfernen: Ohne Namen (${rogue.deviceId})` });
    await page.getByRole('heading', { level: 1, name: 'Chat-Geräte' }).focus();
    await tabTo(page, remove);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '„Ohne Namen“ entfernen?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(rogue.deviceId);
    await expectNoSeriousA11yViolations(page, 'the remove device dialog');
    // Cancel has focus first; the next Tab reaches the removal.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await page.getByTestId('toasts').textContent()) ?? '', { timeout: 30_000 })
      .toContain('Das Gerät „Ohne Namen“ wurde entfernt.');
    await expect.poll(() => row(rogue.deviceId).count(), { timeout: 30_000 }).toBe(0);
    // Focus is not lost with the removed row.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''), { timeout: 10_000 })
      .toBe('chat-devices-heading');
    expect(await tokenWorks(rogue.accessToken)).toBe(false);
    expect(await row(mine.deviceId).count()).toBe(1);

    const admin = await signInDemo('amelie.admin');
    const audit = (await (
      await fetchAs(admin, `/api/tenants/${admin.actor.tenantId}/audit?action=person.removeChatDevice&limit=50`)
    ).json()) as { entries: { targetId: string; outcome: string; actorName: string }[] };
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ targetId: rogue.deviceId, outcome: 'success', actorName: person.displayName }),
    );
    expect(problems).toEqual([]);
  });

  it('signing out logs the browser’s chat device out; signing in again connects a new one', async () => {
    const before = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('arbeitsbereich.chat.device'))) ?? '{}',
    ) as StoredDevice & { accessToken: string };
    expect(before.deviceId).toBe(mine.deviceId);
    expect(await tokenWorks(before.accessToken)).toBe(true);

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .click();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => localStorage.getItem('arbeitsbereich.chat.device'))).toBeNull();
    await expect.poll(() => tokenWorks(before.accessToken), { timeout: 15_000 }).toBe(false);

    await signInThroughTopBar(page, baseUrl, person.username, person.password);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .click();
    await page.getByRole('link', { name: 'Chat-Geräte' }).click();
    await page.getByRole('button', { name: 'Mit dem Chat verbinden' }).click({ timeout: 60_000 });
    await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname === '/chat/geraete', {
      timeout: 60_000,
    });
    await table().waitFor({ timeout: 60_000 });
    const after = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('arbeitsbereich.chat.device'))) ?? '{}',
    ) as StoredDevice;
    expect(after.deviceId).toBeTruthy();
    expect(after.deviceId).not.toBe(mine.deviceId);
    expect(after.refreshToken).toEqual(expect.any(String));
    // The new device is this browser; the old one is gone. Like any further device, it needs the
    // recovery key to be confirmed.
    await expect.poll(() => row(after.deviceId).count(), { timeout: 30_000 }).toBe(1);
    expect(await row(after.deviceId).textContent()).toContain('dieser Browser');
    await expect.poll(() => row(mine.deviceId).count(), { timeout: 30_000 }).toBe(0);
    // The browser told its new session which device it uses: the session's end logs it out.
    const admin = await signInDemo('amelie.admin');
    const bound = async () =>
      (
        (await (
          await fetchAs(admin, `/api/tenants/${admin.actor.tenantId}/audit?action=person.bindChatDevice&limit=50`)
        ).json()) as { entries: { targetId: string; outcome: string }[] }
      ).entries;
    await expect
      .poll(bound, { timeout: 30_000 })
      .toContainEqual(expect.objectContaining({ targetId: after.deviceId, outcome: 'success' }));
    expect(await bound()).toContainEqual(expect.objectContaining({ targetId: mine.deviceId, outcome: 'success' }));
    expect(problems).toEqual([]);
  });
});
