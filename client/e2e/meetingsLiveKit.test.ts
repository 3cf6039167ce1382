import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, waitUntilListening, type BackendRun } from '../../server/test/support/backendProcess';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, launchOptions, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { signInThroughTopBar } from './support/signIn';
import { chromium } from 'playwright-core';

/**
 * A room's meeting on the test stack's real LiveKit server: a backend of its own with
 * MEETINGS_PROVIDER=livekit shares the stack's database and sessions; the browser signs in on the
 * stack's backend (the session cookie holds per host) and joins through the LiveKit backend.
 * Chromium's fake camera and microphone stand in for the devices; the media itself goes through
 * LiveKit, and each side's WebRTC statistics must show the other's video arriving.
 */

const RUN = Date.now().toString(36);
const ROOM = `Videorunde ${RUN}`;

// Every RTCPeerConnection the page makes, so the test can read its statistics.
const RECORD_PEER_CONNECTIONS = `
(() => {
  const Original = window.RTCPeerConnection;
  if (!Original) return;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) {
      super(...args);
      window.__peerConnections.push(this);
    }
  };
})();`;

/** Bytes of video received so far, over all of the page's peer connections. */
function videoBytesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    let total = 0;
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      const stats = await connection.getStats();
      stats.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') total += report.bytesReceived ?? 0;
      });
    }
    return total;
  });
}

describe('a meeting on LiveKit', () => {
  let baseUrl: string;
  let browser: Browser;
  let livekit: BackendRun;
  let livekitUrl: string;
  let owner: FreshPerson;
  let member: FreshPerson;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let ownerPage: Page;
  let memberPage: Page;
  let roomId: string;

  /** A page of its own browser context, with camera and microphone allowed and its peer connections recorded. */
  async function mediaPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
      permissions: ['camera', 'microphone'],
    });
    contexts.push(context);
    await context.addInitScript(RECORD_PEER_CONNECTIONS);
    const page = await context.newPage();
    problems.push(watchPageProblems(page));
    return page;
  }

  async function signedInPage(person: FreshPerson): Promise<Page> {
    const page = await mediaPage();
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, person.username, person.password);
    return page;
  }

  async function openMeeting(page: Page): Promise<void> {
    await page.goto(`${livekitUrl}/rooms/${encodeURIComponent(roomId)}`);
    await page.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
    await page.getByRole('tablist', { name: 'Ansichten des Raums' }).getByRole('tab', { name: 'Besprechung' }).click();
    await page.getByRole('button', { name: 'Besprechung beitreten' }).click({ timeout: 15_000 });
  }

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    livekit = await startBackend({
      DATABASE_URL: process.env.DATABASE_URL,
      MEETINGS_PROVIDER: 'livekit',
      LIVEKIT_URL: process.env.LIVEKIT_URL,
      LIVEKIT_API_KEY: process.env.LIVEKIT_API_KEY,
      LIVEKIT_API_SECRET: process.env.LIVEKIT_API_SECRET,
    });
    await waitUntilListening(livekit);
    // Same host as the stack's backend, so the browser sends its session cookie.
    livekitUrl = livekit.url.replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({
      ...launchOptions,
      args: [
        ...(launchOptions.args ?? []),
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    [owner, member] = (await freshPeople(
      [
        { firstName: 'Olga', lastName: `Gastgeberin ${RUN}` },
        { firstName: 'Max', lastName: `Mitglied ${RUN}` },
      ],
      `lk${RUN}`,
    )) as [FreshPerson, FreshPerson];
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await livekit?.stop();
  });

  it('the signed-out page loads nothing of LiveKit', async () => {
    const plain = await launchBrowser();
    try {
      const page = await plain.newPage();
      await page.goto(`${livekitUrl}/`);
      await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).waitFor({ timeout: 30_000 });
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      expect(loaded.filter((name) => /livekit/i.test(name))).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('owner and member join the room’s meeting and each receives the other’s video', async () => {
    ownerPage = await signedInPage(owner);
    const request = ownerPage.context().request;
    const session = (await (await request.get(`${baseUrl}/api/session`)).json()) as {
      csrfToken: string;
      actor: { tenantId: string };
    };
    const headers = { 'X-CSRF-Token': session.csrfToken, Origin: new URL(baseUrl).origin };
    const rooms = `${baseUrl}/api/tenants/${session.actor.tenantId}/rooms`;
    const created = await request.post(rooms, { headers, data: { name: ROOM } });
    expect(created.status()).toBe(201);
    roomId = ((await created.json()) as { id: string }).id;

    memberPage = await signedInPage(member);
    const memberSession = (await (await memberPage.context().request.get(`${baseUrl}/api/session`)).json()) as {
      actor: { userId: string };
    };
    const added = await request.put(`${rooms}/${roomId}/members/${memberSession.actor.userId}`, {
      headers,
      data: { role: 'member' },
    });
    expect(added.status()).toBe(204);

    // The member's room list, open before the meeting starts, shows no meeting yet.
    await memberPage.goto(`${livekitUrl}/`);
    const listed = memberPage.getByTestId('room-list').locator(`[data-room="${roomId}"]`);
    await listed.waitFor({ timeout: 30_000 });
    expect(await listed.getByTestId('meeting-running').count()).toBe(0);

    await openMeeting(ownerPage);
    await ownerPage.getByRole('region', { name: `Videobesprechung im Raum „${ROOM}“` }).waitFor({ timeout: 30_000 });
    await ownerPage.getByLabel(`Kamerabild von ${owner.displayName} (Sie)`).waitFor({ timeout: 30_000 });

    // The owner's arrival reaches the member's room list live (no reload), in words as well as a dot.
    const mark = listed.getByTestId('meeting-running');
    await mark.waitFor({ timeout: 15_000 });
    expect(await mark.textContent()).toContain('Besprechung läuft, 1 Person nimmt teil');
    await expectNoSeriousA11yViolations(memberPage, 'the room list with a running meeting');
    // The meeting tab says who is in it before the member joins.
    await memberPage.goto(`${livekitUrl}/rooms/${encodeURIComponent(roomId)}`);
    await memberPage
      .getByRole('tablist', { name: 'Ansichten des Raums' })
      .getByRole('tab', { name: 'Besprechung' })
      .click();
    const present = memberPage.getByRole('list', { name: 'Jetzt in der Besprechung' });
    await present.waitFor({ timeout: 15_000 });
    expect(await present.getByRole('listitem').allTextContents()).toEqual([owner.displayName]);
    await openMeeting(memberPage);

    // Each sees the other's camera, and is told who joined.
    await ownerPage.getByLabel(`Kamerabild von ${member.displayName}`).waitFor({ timeout: 60_000 });
    await memberPage.getByLabel(`Kamerabild von ${owner.displayName}`).waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => (await ownerPage.getByTestId('toasts').textContent()) ?? '', { timeout: 15_000 })
      .toContain(`${member.displayName} ist der Besprechung beigetreten.`);
    expect(await ownerPage.getByTestId('meeting-tile').count()).toBe(2);

    // The video really arrives on both sides, and keeps arriving.
    for (const page of [ownerPage, memberPage]) {
      await expect.poll(() => videoBytesReceived(page), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    const first = await Promise.all([videoBytesReceived(ownerPage), videoBytesReceived(memberPage)]);
    await ownerPage.waitForTimeout(2_000);
    const later = await Promise.all([videoBytesReceived(ownerPage), videoBytesReceived(memberPage)]);
    expect(later[0]).toBeGreaterThan(first[0]);
    expect(later[1]).toBeGreaterThan(first[1]);

    await expectNoSeriousA11yViolations(ownerPage, 'the meeting on LiveKit');
    await saveScreenshot(ownerPage, 'meeting-livekit-de');
  });

  it('the microphone and camera switch off and on from the keyboard', async () => {
    const microphone = ownerPage.getByRole('button', { name: 'Mikrofon stummschalten' });
    await microphone.focus();
    await ownerPage.keyboard.press('Enter');
    await expect.poll(() => microphone.getAttribute('aria-pressed')).toBe('true');
    await memberPage.getByText(`${owner.displayName} · Mikrofon aus`).waitFor({ timeout: 15_000 });
    await ownerPage.keyboard.press('Enter');
    await expect.poll(() => microphone.getAttribute('aria-pressed')).toBe('false');

    const camera = ownerPage.getByRole('button', { name: 'Kamera ausschalten' });
    await camera.click();
    await expect.poll(() => camera.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => memberPage.getByLabel(`Kamerabild von ${owner.displayName}`).count()).toBe(0);
    await camera.click();
    await memberPage.getByLabel(`Kamerabild von ${owner.displayName}`).waitFor({ timeout: 15_000 });
  });

  it('a link guest waits until the owner lets them in, then sees and is seen', async () => {
    const request = ownerPage.context().request;
    const session = (await (await request.get(`${livekitUrl}/api/session`)).json()) as {
      csrfToken: string;
      actor: { tenantId: string };
    };
    const headers = { 'X-CSRF-Token': session.csrfToken, Origin: new URL(livekitUrl).origin };
    const made = await request.post(`${livekitUrl}/api/tenants/${session.actor.tenantId}/rooms/${roomId}/guest-links`, {
      headers,
      data: { name: 'Frau Extern' },
    });
    expect(made.status()).toBe(201);
    const secret = ((await made.json()) as { url: string }).url.split('/guest/')[1]!;

    const guestPage = await mediaPage();
    await guestPage.goto(`${livekitUrl}/guest/${secret}`);
    await guestPage.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
    await guestPage.getByRole('button', { name: 'Besprechung beitreten' }).click();
    await guestPage.getByTestId('guest-waiting').waitFor({ timeout: 15_000 });
    // Waiting, the guest has no connection to the meeting and sees nothing of it.
    expect(await guestPage.getByTestId('meeting-tile').count()).toBe(0);
    expect(await videoBytesReceived(guestPage)).toBe(0);

    // The owner, in the meeting, sees the request live and lets the guest in.
    const waiting = ownerPage.getByTestId('meeting-waiting');
    await waiting.waitFor({ timeout: 15_000 });
    await waiting.getByRole('button', { name: 'Frau Extern (Gast) einlassen' }).click();
    await waiting.waitFor({ state: 'detached', timeout: 15_000 });

    // Let in, the guest sees the owner's camera and the owner sees the guest's, marked as a guest's.
    await guestPage.getByLabel(`Kamerabild von ${owner.displayName}`).waitFor({ timeout: 60_000 });
    await ownerPage.getByLabel('Kamerabild von Frau Extern (Gast)').waitFor({ timeout: 60_000 });
    await expect.poll(() => videoBytesReceived(guestPage), { timeout: 30_000 }).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(guestPage, 'the guest in the meeting on LiveKit');
    await guestPage.getByRole('button', { name: 'Besprechung verlassen' }).click();
    await expect.poll(() => ownerPage.getByTestId('meeting-tile').count(), { timeout: 30_000 }).toBe(2);
  });

  it('leaving ends the member’s connection and the owner is told', async () => {
    await memberPage.getByRole('button', { name: 'Besprechung verlassen' }).click();
    await memberPage.getByRole('button', { name: 'Besprechung beitreten' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await ownerPage.getByTestId('toasts').textContent()) ?? '', { timeout: 30_000 })
      .toContain(`${member.displayName} hat die Besprechung verlassen.`);
    await expect.poll(() => ownerPage.getByTestId('meeting-tile').count(), { timeout: 15_000 }).toBe(1);
    expect(problems.flat()).toEqual([]);
  });

  it('a member removed from the room is gone from the running meeting within 5 s', async () => {
    await openMeeting(memberPage);
    await ownerPage.getByLabel(`Kamerabild von ${member.displayName}`).waitFor({ timeout: 60_000 });
    const request = ownerPage.context().request;
    const session = (await (await request.get(`${livekitUrl}/api/session`)).json()) as {
      csrfToken: string;
      actor: { tenantId: string };
    };
    const memberId = (
      (await (await memberPage.context().request.get(`${livekitUrl}/api/session`)).json()) as {
        actor: { userId: string };
      }
    ).actor.userId;
    const removedAt = Date.now();
    const removed = await request.delete(
      `${livekitUrl}/api/tenants/${session.actor.tenantId}/rooms/${roomId}/members/${memberId}`,
      { headers: { 'X-CSRF-Token': session.csrfToken, Origin: new URL(livekitUrl).origin } },
    );
    expect(removed.status()).toBeLessThan(300);
    // The video system takes them out (LiveKit's room API, through the outbox): the owner sees them go.
    await expect.poll(() => ownerPage.getByTestId('meeting-tile').count(), { timeout: 5_000, interval: 100 }).toBe(1);
    const gone = Date.now() - removedAt;
    console.log(`removed member left the meeting ${gone} ms after the removal`);
    expect(gone).toBeLessThan(5_000);
    expect(await ownerPage.getByLabel(`Kamerabild von ${member.displayName}`).count()).toBe(0);
  });
});
