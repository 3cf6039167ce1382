import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, waitUntilListening, type BackendRun } from '../../server/test/support/backendProcess';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { demoPassword, signInThroughTopBar } from './support/signIn';

/**
 * Video meetings in a room, against the real stack. No Jitsi runs here: a tiny
 * local server stands in for the deployment and serves an `external_api.js`
 * that records what the page hands to `JitsiMeetExternalAPI` and reports the
 * conference as joined. Two more backends share the stack's database, its
 * session secret and its Keycloak and Synapse: one knows that fixture as its
 * Jitsi deployment, the other has no Jitsi at all. The browser signs in on the
 * stack's own backend; the session cookie (per host, not per port) holds on
 * the other two. The chat is read on the stack's backend, whose address
 * Synapse's sign-on accepts.
 */

const RUN = Date.now().toString(36);
const ROOM = `Lagebesprechung ${RUN}`;
const GUEST = `Frau Weber ${RUN}`;
const APP_ID = 'arbeitsbereich-e2e';
const APP_SECRET = `e2e-jitsi-secret-${RUN}-0123456789abcdef0123456789`;

interface JitsiCall {
  domain: string;
  roomName: string;
  jwt: string;
  parentNode: boolean;
  lang: string;
  displayName: string;
  prejoin: boolean;
  readOnlyName: boolean;
}

/** The deployment's IFrame API, as far as the workspace uses it. */
const EXTERNAL_API_JS = `
window.__jitsiCalls = window.__jitsiCalls || [];
window.__jitsiDisposed = 0;
window.JitsiMeetExternalAPI = function (domain, options) {
  window.__jitsiCalls.push({
    domain: domain,
    roomName: options.roomName,
    jwt: options.jwt,
    parentNode: options.parentNode instanceof HTMLElement,
    lang: options.lang,
    displayName: options.userInfo ? options.userInfo.displayName : '',
    prejoin: !!(options.configOverwrite && options.configOverwrite.prejoinConfig && options.configOverwrite.prejoinConfig.enabled),
    readOnlyName: !!(options.configOverwrite && options.configOverwrite.readOnlyName)
  });
  var frame = document.createElement('iframe');
  options.parentNode.appendChild(frame);
  var listeners = {};
  this.addListener = function (name, listener) { (listeners[name] = listeners[name] || []).push(listener); };
  this.executeCommand = function () {};
  this.dispose = function () { frame.remove(); window.__jitsiDisposed += 1; };
  setTimeout(function () { (listeners.videoConferenceJoined || []).forEach(function (l) { l({}); }); }, 100);
};
`;

async function startJitsiFixture(): Promise<{ port: number; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/external_api.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(EXTERNAL_API_JS);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function base64url(value: Buffer): string {
  return value.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The token's claims, after checking its HS256 signature with the app secret. */
function verifiedClaims(jwt: string, secret: string): Record<string, unknown> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const expected = base64url(createHmac('sha256', secret).update(`${header}.${payload}`).digest());
  expect(signature, 'the token is signed with JITSI_APP_SECRET').toBe(expected);
  expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toMatchObject({ alg: 'HS256' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function jitsiCalls(page: Page): Promise<JitsiCall[]> {
  return page.evaluate(() => (window as unknown as { __jitsiCalls?: JitsiCall[] }).__jitsiCalls ?? []);
}

function stackDatabase(): Database.Database {
  const url = process.env.DATABASE_URL ?? '';
  if (!url.startsWith('sqlite:')) throw new Error('the meeting browser test expects the stack on SQLite');
  return new Database(url.slice('sqlite:'.length), { fileMustExist: true });
}

function tab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Ansichten des Raums' }).getByRole('tab', { name });
}

function messages(page: Page): Locator {
  return page.getByRole('log', { name: 'Nachrichten' });
}

describe('video meetings in a room', () => {
  let baseUrl: string;
  let browser: Browser;
  let fixture: Awaited<ReturnType<typeof startJitsiFixture>>;
  let withJitsi: BackendRun;
  let withoutJitsi: BackendRun;
  let jitsiUrl: string;
  let plainUrl: string;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let person: FreshPerson;
  let context: BrowserContext;
  let home: Page;
  let meetingPage: Page;
  let tenantId: string;
  let roomId: string;
  let guestUrl: string;
  let guestLinkId: string;

  async function newContext(): Promise<BrowserContext> {
    const created = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    contexts.push(created);
    return created;
  }

  async function newPage(owner: BrowserContext): Promise<Page> {
    const page = await owner.newPage();
    problems.push(watchPageProblems(page));
    return page;
  }

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    fixture = await startJitsiFixture();
    const shared = { DATABASE_URL: process.env.DATABASE_URL, JITSI_PRIVATE_KEY_FILE: undefined };
    [withJitsi, withoutJitsi] = await Promise.all([
      startBackend({
        ...shared,
        JITSI_DOMAIN: `localhost:${fixture.port}`,
        JITSI_APP_ID: APP_ID,
        JITSI_APP_SECRET: APP_SECRET,
      }),
      startBackend({ ...shared, JITSI_DOMAIN: undefined, JITSI_APP_ID: undefined, JITSI_APP_SECRET: undefined }),
    ]);
    await Promise.all([waitUntilListening(withJitsi), waitUntilListening(withoutJitsi)]);
    // Same host as the stack's backend, so the browser sends its session cookie.
    jitsiUrl = withJitsi.url.replace('127.0.0.1', 'localhost');
    plainUrl = withoutJitsi.url.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
    [person] = (await freshPeople([{ firstName: 'Mira', lastName: `Moderatorin ${RUN}` }], `meet${RUN}`)) as [
      FreshPerson,
    ];
  });

  afterAll(async () => {
    for (const owned of contexts) await owned.close();
    await browser?.close();
    await withJitsi?.stop();
    await withoutJitsi?.stop();
    await fixture?.close();
  });

  it('the room has tabs Chat and Besprechung; without Jitsi the meeting face says what is missing', async () => {
    context = await newContext();
    home = await newPage(context);
    await home.goto(`${baseUrl}/`);
    await signInThroughTopBar(home, baseUrl, person.username, person.password);
    await home.getByRole('navigation', { name: 'Räume' }).getByRole('button', { name: 'Neuer Raum' }).click();
    const dialog = home.getByRole('dialog', { name: 'Neuer Raum' });
    await dialog.getByLabel('Name des Raums').fill(ROOM);
    await dialog.getByLabel('Privat – nur hinzugefügte Personen').check();
    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();
    await home.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    roomId = decodeURIComponent(new URL(home.url()).pathname.split('/').pop() ?? '');
    const session = (await (await context.request.get(`${baseUrl}/api/session`)).json()) as {
      actor: { tenantId: string };
    };
    tenantId = session.actor.tenantId;

    const plain = await newPage(context);
    await plain.goto(`${plainUrl}/rooms/${encodeURIComponent(roomId)}`);
    await plain.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
    expect(await tab(plain, 'Chat').getAttribute('aria-selected')).toBe('true');
    // Keyboard: the arrow key moves to the next tab and opens it.
    await tab(plain, 'Chat').focus();
    await plain.keyboard.press('ArrowRight');
    expect(await tab(plain, 'Besprechung').getAttribute('aria-selected')).toBe('true');
    const notice = plain.getByTestId('meeting-unavailable');
    await notice.waitFor({ timeout: 15_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('noch kein Videosystem');
    for (const setting of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']) expect(text).toContain(setting);
    for (const setting of ['JITSI_DOMAIN', 'JITSI_APP_ID', 'JITSI_APP_SECRET']) expect(text).toContain(setting);
    expect(await plain.locator('iframe').count()).toBe(0);
    expect(await plain.getByRole('button', { name: 'Besprechung beitreten' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(plain, 'the meeting face without Jitsi');
    await saveScreenshot(plain, 'meeting-none-de');
    await plain.close();
  });

  it('joining embeds the deployment with the room’s meeting name and a signed token', async () => {
    meetingPage = await newPage(context);
    await meetingPage.goto(`${jitsiUrl}/rooms/${encodeURIComponent(roomId)}`);
    await meetingPage.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
    await tab(meetingPage, 'Besprechung').click();
    const info = (await (
      await context.request.get(`${jitsiUrl}/api/tenants/${tenantId}/rooms/${roomId}/meeting`)
    ).json()) as { available: boolean; roomName: string; domain: string; abilities: Record<string, boolean> };
    expect(info).toMatchObject({ available: true, domain: `localhost:${fixture.port}` });
    expect(info.abilities['meeting.join']).toBe(true);

    await meetingPage.getByRole('button', { name: 'Besprechung beitreten' }).click();
    await expect.poll(async () => (await jitsiCalls(meetingPage)).length, { timeout: 15_000 }).toBe(1);
    const [call] = await jitsiCalls(meetingPage);
    expect(fixture.requests).toContain('/external_api.js');
    expect(call).toMatchObject({
      domain: `localhost:${fixture.port}`,
      roomName: info.roomName,
      parentNode: true,
      lang: 'de',
      displayName: person.displayName,
      prejoin: true,
      readOnlyName: false,
    });
    const claims = verifiedClaims(call?.jwt ?? '', APP_SECRET);
    expect(claims).toMatchObject({ iss: APP_ID, room: info.roomName, moderator: true });
    expect(claims.context).toMatchObject({ user: { name: person.displayName, moderator: 'true' } });
    expect(Number(claims.exp)).toBeGreaterThan(Date.now() / 1000);

    // The frame is named, and the chat stays beside the running meeting.
    const frame = meetingPage.getByTestId('meeting-frame').locator('iframe');
    expect(await frame.getAttribute('title')).toBe(`Videobesprechung im Raum „${ROOM}“`);
    await meetingPage.getByRole('button', { name: 'Besprechung verlassen' }).waitFor();
    expect(await meetingPage.locator('[data-face="chat"]').isVisible()).toBe(true);
    expect(await meetingPage.locator('[data-face="meeting"]').isVisible()).toBe(true);
    await expect
      .poll(async () => (await meetingPage.getByTestId('toasts').textContent()) ?? '', { timeout: 15_000 })
      .toContain('Sie nehmen an der Besprechung teil.');
    await expectNoSeriousA11yViolations(meetingPage, 'the running meeting');
    await saveScreenshot(meetingPage, 'meeting-de');
  });

  it('the start of the meeting appears in the room’s chat', async () => {
    await home.bringToFront();
    await home.getByRole('button', { name: 'Mit dem Chat verbinden' }).click({ timeout: 60_000 });
    const roomPath = `/rooms/${encodeURIComponent(roomId)}`;
    await home.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname === roomPath, {
      timeout: 60_000,
    });
    await messages(home).waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => (await messages(home).textContent()) ?? '', { timeout: 60_000 })
      .toContain(`Besprechung begonnen von ${person.displayName}`);
  });

  it('leaving disposes the frame and tells the server', async () => {
    await meetingPage.bringToFront();
    await meetingPage.getByRole('button', { name: 'Besprechung verlassen' }).click();
    await meetingPage.getByRole('button', { name: 'Besprechung beitreten' }).waitFor({ timeout: 15_000 });
    expect(await meetingPage.evaluate(() => (window as unknown as { __jitsiDisposed: number }).__jitsiDisposed)).toBe(
      1,
    );
    expect(await meetingPage.locator('iframe').count()).toBe(0);
    await expect
      .poll(async () => (await messages(home).textContent()) ?? '', { timeout: 60_000 })
      .toContain(`Besprechung beendet. Teilgenommen: ${person.displayName}`);
  });

  it('a document shared into the chat shows as a card with its name, loaded from the workspace', async () => {
    const request = home.context().request;
    const { csrfToken } = (await (await request.get(`${baseUrl}/api/session`)).json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken, Origin: new URL(baseUrl).origin };
    const library = `${baseUrl}/api/tenants/${tenantId}/rooms/${encodeURIComponent(roomId)}/documents`;
    const name = `Protokoll ${RUN}`;
    const created = await request.post(`${library}/texts`, { headers, data: { name, parentId: null } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await request.post(`${library}/entries/${id}/share`, { headers })).status()).toBe(202);
    // The notice in Synapse names no document; the card has the name from the library.
    const card = messages(home).getByTestId('document-card').filter({ hasText: name });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toContain('Dokument geteilt');
    await card.getByRole('link', { name }).waitFor();
  });

  it('a guest link opens the guest page; the guest waits until the owner lets them in', async () => {
    const links = meetingPage.getByRole('region', { name: 'Gastlinks' });
    await links.getByLabel('Name des Gastes').fill(GUEST);
    expect(await links.getByLabel('Gültigkeit in Stunden').inputValue()).toBe('24');
    await links.getByRole('button', { name: 'Gastlink anlegen' }).click();
    const row = links.getByRole('listitem').filter({ hasText: GUEST });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.guest-link__state').textContent()).toBe('Gültig');
    guestUrl = await row.getByRole('textbox', { name: `Gastlink für ${GUEST}` }).inputValue();
    expect(guestUrl).toMatch(new RegExp(`^${jitsiUrl}/guest/`));
    const list = (await (
      await context.request.get(`${jitsiUrl}/api/tenants/${tenantId}/rooms/${roomId}/guest-links`)
    ).json()) as { links: { id: string; url: string }[] };
    guestLinkId = list.links.find((link) => link.url === guestUrl)?.id ?? '';
    expect(guestLinkId).not.toBe('');

    const guestContext = await newContext();
    const guest = await newPage(guestContext);
    await guest.goto(guestUrl);
    await guest.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
    expect(await guest.getByRole('main').textContent()).toContain('Demo-Behörde');
    expect(await guest.getByLabel('Ihr Name').inputValue()).toBe(GUEST);
    expect(await guest.getByRole('navigation', { name: 'Räume' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(guest, 'the guest page');
    await saveScreenshot(guest, 'guest-de');

    await guest.getByRole('button', { name: 'Besprechung beitreten' }).click();
    // The guest waits: no meeting is opened until a moderator lets them in.
    const waiting = guest.getByTestId('guest-waiting');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.textContent()).toContain('Sie sind im Warteraum');
    await expectNoSeriousA11yViolations(guest, 'the waiting room');
    expect(await jitsiCalls(guest)).toHaveLength(0);

    // The owner sees the request live in the meeting tab; a guest who stops waiting withdraws it at
    // once, so it goes from the owner's list well before it would lapse (a minute).
    const request = meetingPage.getByTestId('meeting-waiting');
    await request.waitFor({ timeout: 15_000 });
    await guest.getByRole('button', { name: 'Nicht mehr warten' }).click();
    await request.waitFor({ state: 'detached', timeout: 10_000 });
    await guest.getByRole('button', { name: 'Besprechung beitreten' }).click();
    await waiting.waitFor({ timeout: 15_000 });

    // Asked anew, the owner sees the request again and lets the guest in by keyboard.
    await request.waitFor({ timeout: 15_000 });
    expect(await request.textContent()).toContain(`${GUEST} (Gast)`);
    await expectNoSeriousA11yViolations(meetingPage, 'the waiting guests');
    await saveScreenshot(meetingPage, 'meeting-waiting-de');
    const admit = request.getByRole('button', { name: `${GUEST} (Gast) einlassen` });
    await admit.focus();
    await meetingPage.keyboard.press('Enter');
    await request.waitFor({ state: 'detached', timeout: 15_000 });

    await expect.poll(async () => (await jitsiCalls(guest)).length, { timeout: 15_000 }).toBe(1);
    const [call] = await jitsiCalls(guest);
    // Marked as a guest's in the meeting, and not to be changed there: nobody passes for a member.
    expect(call).toMatchObject({
      roomName: expect.any(String) as string,
      displayName: `${GUEST} (Gast)`,
      readOnlyName: true,
      parentNode: true,
    });
    const claims = verifiedClaims(call?.jwt ?? '', APP_SECRET);
    expect(claims.room).toBe(call?.roomName);
    expect(claims.context).toMatchObject({ user: { name: `${GUEST} (Gast)` } });
    expect(claims.moderator).not.toBe(true);
  });

  it('a revoked and an expired guest link show a clear page, not a frame', async () => {
    const links = meetingPage.getByRole('region', { name: 'Gastlinks' });
    const row = links.getByRole('listitem').filter({ hasText: GUEST });
    await row.getByRole('button', { name: /^Widerrufen/ }).click();
    const confirm = meetingPage.getByRole('dialog', { name: 'Gastlink widerrufen?' });
    await confirm.getByRole('button', { name: 'Widerrufen' }).click();
    await expect
      .poll(async () => (await row.locator('.guest-link__state').textContent()) ?? '', { timeout: 15_000 })
      .toBe('Widerrufen');

    const guestContext = await newContext();
    const guest = await newPage(guestContext);
    await guest.goto(guestUrl);
    const closed = guest.getByTestId('guest-link-closed');
    await closed.waitFor({ timeout: 15_000 });
    expect(await closed.textContent()).toContain('Dieser Gastlink wurde widerrufen');
    expect(await guest.locator('iframe').count()).toBe(0);
    await expectNoSeriousA11yViolations(guest, 'a revoked guest link');

    // A second link, made to have run out an hour ago.
    await links.getByLabel('Name des Gastes').fill(`${GUEST} (2)`);
    await links.getByLabel('Gültigkeit in Stunden').fill('1');
    await links.getByRole('button', { name: 'Gastlink anlegen' }).click();
    const second = links.getByRole('listitem').filter({ hasText: `${GUEST} (2)` });
    await second.waitFor({ timeout: 15_000 });
    const secondUrl = await second.getByRole('textbox').inputValue();
    const db = stackDatabase();
    try {
      const changed = db
        .prepare('UPDATE guest_links SET expires_at = ? WHERE room_id = ? AND name = ?')
        .run(Date.now() - 3_600_000, roomId, `${GUEST} (2)`);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    await guest.goto(secondUrl);
    await guest.getByTestId('guest-link-closed').waitFor({ timeout: 15_000 });
    expect(await guest.getByTestId('guest-link-closed').textContent()).toContain('Dieser Gastlink ist abgelaufen');
    expect(await guest.locator('iframe').count()).toBe(0);
  });

  it('the tenant admin sets the meeting policy in the administration', async () => {
    const admin = await newPage(await newContext());
    await admin.goto(`${baseUrl}/`);
    await signInThroughTopBar(admin, baseUrl, 'amelie.admin', demoPassword());
    await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Richtlinien' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Richtlinien' }).waitFor();
    const recording = admin.getByLabel('Aufzeichnung erlauben');
    await recording.waitFor({ timeout: 15_000 });
    expect(await admin.getByLabel('Videobesprechungen erlauben').isChecked()).toBe(true);
    expect(await admin.getByLabel('Gäste per Gastlink erlauben').isChecked()).toBe(true);
    const before = await recording.isChecked();
    // The upload limit names the installation's ceiling and keeps to it; the tenant's storage use is shown.
    await admin.getByText('Die Installation erlaubt höchstens 1024 MB.', { exact: false }).waitFor();
    expect(await admin.getByTestId('policy-storage').textContent()).toMatch(/^Speicher: [\d.,]+ MB belegt/);
    const maxUpload = admin.getByLabel('Maximale Dateigröße pro Upload (MB)');
    await maxUpload.fill('1025');
    await admin.getByRole('button', { name: 'Richtlinien speichern' }).click();
    await admin
      .getByText('Bitte geben Sie eine ganze Zahl von 1 bis 1024 ein (die Grenze der Installation)', { exact: false })
      .waitFor();
    await expectNoSeriousA11yViolations(admin, 'the meeting policy with a refused upload limit');
    await maxUpload.fill('');
    await expectNoSeriousA11yViolations(admin, 'the meeting policy');
    for (const wanted of [!before, before]) {
      await recording.setChecked(wanted);
      await admin.getByRole('button', { name: 'Richtlinien speichern' }).click();
      await expect
        .poll(async () => (await admin.getByTestId('toasts').textContent()) ?? '', { timeout: 15_000 })
        .toContain('Die Richtlinien für Demo-Behörde sind gespeichert.');
      const policy = (await (
        await admin.context().request.get(`${baseUrl}/api/tenants/${tenantId}/policy`)
      ).json()) as {
        recording: boolean;
      };
      expect(policy.recording).toBe(wanted);
      await admin.getByTestId('toasts').getByRole('button').click();
    }
  });

  it('no page had a script error or a blocked resource', () => {
    expect(problems.flat()).toEqual([]);
  });
});
