import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { watchPageProblems } from './support/pageProblems';
import { saveScreenshot } from './support/screenshots';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { signInThroughTopBar } from './support/signIn';
import { dismissToast, expectToast } from './support/toasts';

/**
 * Secure chat between two people in two browsers, against the real Keycloak and
 * Synapse: A creates a room and adds B, who sees it appear live; both connect
 * their browser to the chat through Synapse's sign-on with Keycloak (no second
 * password), exchange messages, a reply, an edit, a reaction and attachments.
 * Synapse's own database is read to prove it holds ciphertext only. A removes
 * B, whose browser loses the room and never sees what A writes next. A's second
 * browser reads the history after confirming itself with the recovery key.
 */

const RUN = Date.now().toString(36);
const A_NAME = `Anna Amtsrat ${RUN}`;
const B_NAME = `Ben Bearbeiter ${RUN}`;
const ROOM = `Vertraulich ${RUN}`;
const GREETING = `Guten Tag, Bernd! Der Vermerk ${RUN} liegt bereit.`;
const GREETING_EDITED = `Guten Tag, Bernd! Der Vermerk ${RUN} liegt im Ordner.`;
/** Typed with Markdown and an address; shown formatted, the address a link. */
const REPLY_TYPED = 'Danke, ich sehe ihn mir **heute** an: https://example.org/akte';
const REPLY = 'Danke, ich sehe ihn mir heute an: https://example.org/akte';
const UNREAD = `Eine Frage noch zu ${RUN}`;
const AFTER_REMOVAL = `Nur noch für Amelie: ${RUN}`;
const FILE_TEXT = `Haushaltsvermerk ${RUN}: streng vertraulich`;
// A 1×1 PNG, so the image path (decrypt, show inline) is taken.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function roomNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Räume' });
}

function messages(page: Page): Locator {
  return page.getByRole('log', { name: 'Nachrichten' });
}

function message(page: Page, text: string | RegExp): Locator {
  return messages(page).getByRole('article').filter({ hasText: text });
}

function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Nachricht an / });
}

/** "Chat verbinden": Synapse's sign-on, answered by the Keycloak session, back to the room. */
async function connectChat(page: Page, baseUrl: string): Promise<void> {
  const roomPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Mit dem Chat verbinden' }).click({ timeout: 60_000 });
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname === roomPath, {
    timeout: 60_000,
  });
  await composer(page).waitFor({ timeout: 60_000 });
}

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

async function api<T>(context: BrowserContext, baseUrl: string, pathname: string): Promise<T> {
  const response = await context.request.get(`${baseUrl}${pathname}`);
  expect(response.status(), `GET ${pathname}`).toBe(200);
  return (await response.json()) as T;
}

interface ChatDevice {
  homeserverUrl: string;
  userId: string;
  accessToken: string;
}

async function chatDevice(page: Page): Promise<ChatDevice> {
  const raw = await page.evaluate(() => localStorage.getItem('arbeitsbereich.chat.device'));
  if (!raw) throw new Error('the browser has no chat device');
  return JSON.parse(raw) as ChatDevice;
}

function synapseDb(): Database.Database {
  const dir = process.env.SYNAPSE_DATA_DIR;
  if (!dir) throw new Error('SYNAPSE_DATA_DIR is not set: run against the stack.');
  return new Database(path.join(dir, 'homeserver.db'), { readonly: true, fileMustExist: true });
}

describe('secure chat in two browsers', () => {
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let a: Page;
  let b: Page;
  let problems: string[][];
  let roomPath: string;
  let matrixRoomId: string;
  let recoveryKey: string;
  let personA: FreshPerson;
  /** The megolm session of A's message after the removal. */
  let lastSessionId = '';
  let personB: FreshPerson;

  async function signedIn(person: FreshPerson): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      reducedMotion: 'reduce',
      locale: 'de-DE',
    });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPageProblems(page));
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, person.username, person.password);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .waitFor({ timeout: 15_000 });
    return page;
  }

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
    problems = [];
    // New people each run: chat accounts keep devices and key backups from earlier runs.
    [personA, personB] = (await freshPeople(
      [
        { firstName: 'Anna', lastName: `Amtsrat ${RUN}` },
        { firstName: 'Ben', lastName: `Bearbeiter ${RUN}` },
      ],
      `chat${RUN}`,
    )) as [FreshPerson, FreshPerson];
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('A creates a private room and connects the browser to its chat', async () => {
    [a, b] = await Promise.all([signedIn(personA), signedIn(personB)]);
    await roomNav(a).getByRole('button', { name: 'Neuer Raum' }).click();
    const dialog = a.getByRole('dialog', { name: 'Neuer Raum' });
    await dialog.getByLabel('Name des Raums').fill(ROOM);
    await dialog.getByLabel('Privat – nur hinzugefügte Personen').check();
    await dialog.getByRole('button', { name: 'Raum anlegen' }).click();
    await a.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    roomPath = new URL(a.url()).pathname;
    await a.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    expect(await a.locator('.room-facts').textContent()).toContain('verschlüsselt');

    await connectChat(a, baseUrl);
    expect(await a.getByRole('main').textContent()).toContain('Noch keine Nachrichten — schreiben Sie die erste.');
  });

  it('A sets up key backup and keeps the recovery key', async () => {
    await a.getByRole('button', { name: 'Schlüsselsicherung einrichten' }).click({ timeout: 30_000 });
    const dialog = a.getByRole('dialog', { name: 'Schlüsselsicherung einrichten' });
    const key = dialog.getByLabel('Wiederherstellungsschlüssel', { exact: true });
    await expect.poll(() => key.inputValue(), { timeout: 15_000 }).toMatch(/^(\w{4} ){11}\w{4}$/);
    recoveryKey = await key.inputValue();
    await expectNoSeriousA11yViolations(a, 'the key backup dialog');
    await saveScreenshot(a, 'chat-key-backup-de');
    await dialog.getByLabel('Ich habe den Wiederherstellungsschlüssel sicher aufbewahrt.').check();
    await dialog.getByRole('button', { name: 'Einrichten' }).click();
    await expectToast(a, 'Die Schlüsselsicherung ist eingerichtet.', 30_000);
    await expect.poll(() => a.getByRole('button', { name: 'Schlüsselsicherung einrichten' }).count()).toBe(0);
  });

  it('A adds B; B sees the room appear live and connects to its chat', async () => {
    await a.getByRole('button', { name: 'Mitglieder und Einstellungen' }).click();
    const settings = a.getByTestId('room-settings');
    const person = settings.getByRole('combobox', { name: 'Person' });
    await person.click();
    await person.pressSequentially(`Bearbeiter ${RUN}`);
    await settings.getByRole('option', { name: new RegExp(B_NAME) }).click();
    await settings.getByLabel('Rolle im Raum').selectOption('member');
    await settings.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await expectToast(a, `${B_NAME} wurde als Mitglied hinzugefügt.`, 30_000);
    await a.getByRole('button', { name: 'Schließen', exact: true }).click();

    const link = roomNav(b).getByRole('link', { name: new RegExp(ROOM) });
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await b.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    await connectChat(b, baseUrl);

    const room = await api<{ matrixRoomId: string | null; sync: { state: string } }>(
      a.context(),
      baseUrl,
      `/api/tenants/${(await api<{ actor: { tenantId: string } }>(a.context(), baseUrl, '/api/session')).actor.tenantId}/rooms/${roomPath.split('/').pop() ?? ''}`,
    );
    expect(room.matrixRoomId).toMatch(/^!/);
    matrixRoomId = room.matrixRoomId ?? '';
  });

  it('both exchange messages, a reply, an edit and a reaction', async () => {
    await send(a, GREETING);
    await message(b, GREETING).first().waitFor({ timeout: 30_000 });
    expect(await message(b, GREETING).first().textContent()).toContain(A_NAME);

    const greeting = message(b, GREETING).first();
    await greeting.hover();
    await greeting.getByRole('button', { name: 'Antworten' }).click();
    expect(await b.getByRole('form', { name: 'Nachricht schreiben' }).textContent()).toContain(`Antwort an ${A_NAME}`);
    await send(b, REPLY_TYPED);
    const reply = message(a, REPLY);
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.getByRole('blockquote').textContent()).toContain(GREETING);
    // Sent as Matrix's HTML body, cleaned before it is shown: the bold word, and a safe link.
    expect(await reply.locator('.message__body strong').textContent()).toBe('heute');
    const link = reply.getByRole('link', { name: 'https://example.org/akte' });
    expect(await link.getAttribute('href')).toBe('https://example.org/akte');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await link.getAttribute('target')).toBe('_blank');

    // The reply quotes the greeting too: the greeting itself comes first.
    const mine = message(a, GREETING).first();
    await mine.hover();
    await mine.getByRole('button', { name: 'Bearbeiten' }).click();
    expect(await composer(a).inputValue()).toBe(GREETING);
    await send(a, GREETING_EDITED);
    await message(b, GREETING_EDITED).first().waitFor({ timeout: 30_000 });
    expect(await message(b, GREETING_EDITED).first().textContent()).toContain('(bearbeitet)');
    expect(await message(b, GREETING).count()).toBe(0);

    const edited = message(b, GREETING_EDITED).first();
    await edited.hover();
    await edited.getByRole('button', { name: 'Reagieren' }).click();
    await edited.getByRole('button', { name: 'Mit 👍 reagieren' }).click();
    const reaction = message(a, GREETING_EDITED)
      .first()
      .getByRole('button', { name: `👍: 1 – ${B_NAME}` });
    await reaction.waitFor({ timeout: 30_000 });
    expect(await reaction.getAttribute('aria-pressed')).toBe('false');

    // B is typing: A is told so.
    await composer(b).pressSequentially('Noch eine');
    await expect
      .poll(async () => (await a.locator('.chat-typing').textContent()) ?? '', { timeout: 15_000 })
      .toContain(`${B_NAME} schreibt`);
    await composer(b).fill('');
  });

  it('A sends an image and a document; B sees the image and downloads the document', async () => {
    const upload = a.locator('.composer input[type="file"]');
    expect(await a.locator('.composer__hint').textContent()).toContain('Dateien bis 100 MB');
    await upload.setInputFiles({ name: 'lageplan.png', mimeType: 'image/png', buffer: PNG });
    await upload.setInputFiles({ name: 'vermerk.txt', mimeType: 'text/plain', buffer: Buffer.from(FILE_TEXT) });

    const image = message(b, 'lageplan.png').getByRole('img', { name: 'lageplan.png' });
    await image.waitFor({ timeout: 30_000 });
    // The element is there before the decrypted picture has loaded into it.
    await expect
      .poll(
        () => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);

    const file = message(b, 'vermerk.txt');
    await file.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      b.waitForEvent('download'),
      file.getByRole('button', { name: 'vermerk.txt herunterladen' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(FILE_TEXT);
  });

  it('B, elsewhere in the workspace, sees an unread count that goes when B reads the room', async () => {
    await b.getByRole('link', { name: 'Startseite' }).click();
    await b.waitForURL((url) => url.pathname === '/');
    expect(await a.locator('.composer__context').count()).toBe(0);
    await send(a, UNREAD);
    const link = roomNav(b).getByRole('link', { name: new RegExp(ROOM) });
    const badge = link.getByTestId('unread');
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toContain('1 ungelesene Nachricht');
    await link.click();
    await message(b, UNREAD).waitFor({ timeout: 30_000 });
    await expect.poll(() => link.getByTestId('unread').count(), { timeout: 15_000 }).toBe(0);
    // A new message of its own, not a change of the earlier one.
    expect(await message(b, GREETING_EDITED).count()).toBeGreaterThan(0);
    expect(await message(b, UNREAD).first().textContent()).not.toContain('(bearbeitet)');
  });

  it('Synapse stores the room’s messages only as m.room.encrypted', () => {
    const db = synapseDb();
    try {
      const types = db
        .prepare('SELECT type, COUNT(*) AS n FROM events WHERE room_id = ? AND state_key IS NULL GROUP BY type')
        .all(matrixRoomId) as { type: string; n: number }[];
      const byType = Object.fromEntries(types.map((t) => [t.type, t.n]));
      // Greeting, reply, edit, image, document, one more question.
      expect(byType['m.room.encrypted']).toBe(6);
      expect(byType['m.room.message']).toBeUndefined();
      expect(Object.keys(byType).sort()).toEqual(['m.reaction', 'm.room.encrypted']);
      const bodies = db
        .prepare('SELECT j.json FROM events e JOIN event_json j USING (event_id) WHERE e.room_id = ?')
        .all(matrixRoomId) as { json: string }[];
      for (const { json } of bodies) expect(json).not.toMatch(/Vermerk|Danke|Frage|lageplan|vermerk\.txt/);
    } finally {
      db.close();
    }
  });

  it('the chat passes axe in both browsers, and shows what it looks like', async () => {
    await dismissToast(a);
    await expectNoSeriousA11yViolations(a, 'the room chat of A');
    await expectNoSeriousA11yViolations(b, 'the room chat of B');
    await saveScreenshot(a, 'chat-de');
  });

  it('A removes B: B loses the room and never sees what A writes next', async () => {
    const before = await chatDevice(b);
    await a.getByRole('button', { name: 'Mitglieder und Einstellungen' }).click();
    const settings = a.getByTestId('room-settings');
    await settings.getByRole('button', { name: `Entfernen: ${B_NAME}` }).click();
    const confirm = a.getByRole('dialog', { name: `${B_NAME} aus dem Raum entfernen?` });
    await confirm.getByRole('button', { name: 'Aus dem Raum entfernen' }).click();
    await expectToast(a, `${B_NAME} wurde aus dem Raum entfernt.`, 30_000);
    await a.getByRole('button', { name: 'Schließen', exact: true }).click();

    await expect
      .poll(
        () =>
          roomNav(b)
            .getByRole('link', { name: new RegExp(ROOM) })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(0);
    await expect.poll(() => composer(b).count(), { timeout: 30_000 }).toBe(0);

    // A's own client learns of the removal too; from then on it encrypts for the remaining members only.
    await messages(a).getByText(`${B_NAME} wurde aus dem Raum entfernt.`).waitFor({ timeout: 30_000 });
    await send(a, AFTER_REMOVAL);
    await message(a, AFTER_REMOVAL).waitFor({ timeout: 30_000 });
    await b.waitForTimeout(2000);
    expect(await b.getByRole('main').textContent()).not.toContain(AFTER_REMOVAL);

    // The homeserver refuses B the new event, and the message was encrypted under a new session
    // that B's device never received.
    const db = synapseDb();
    let sessions: { session_id: string; sender: string }[];
    let lastEventId: string;
    try {
      const rows = db
        .prepare(
          `SELECT e.event_id AS id, e.sender AS sender, j.json AS json FROM events e JOIN event_json j USING (event_id)
           WHERE e.room_id = ? AND e.type = 'm.room.encrypted' ORDER BY e.stream_ordering`,
        )
        .all(matrixRoomId) as { id: string; sender: string; json: string }[];
      sessions = rows.map((r) => ({
        session_id: (JSON.parse(r.json) as { content: { session_id: string } }).content.session_id,
        sender: r.sender,
      }));
      lastEventId = rows.at(-1)?.id ?? '';
    } finally {
      db.close();
    }
    const last = sessions.at(-1);
    lastSessionId = last?.session_id ?? '';
    const earlierOfA = sessions.slice(0, -1).filter((s) => s.sender === last?.sender);
    expect(earlierOfA.length).toBeGreaterThan(0);
    expect(earlierOfA.map((s) => s.session_id)).not.toContain(last?.session_id);
    const response = await fetch(
      `${before.homeserverUrl}/_matrix/client/v3/rooms/${encodeURIComponent(matrixRoomId)}/event/${encodeURIComponent(lastEventId)}`,
      { headers: { Authorization: `Bearer ${before.accessToken}` } },
    );
    expect([403, 404]).toContain(response.status);
  });

  it('A’s second browser reads the history after confirming itself with the recovery key', async () => {
    // A's first browser uploads new room keys to the backup a few seconds after it made them;
    // a second browser opened later finds them there.
    await expect
      .poll(
        () => {
          const db = synapseDb();
          try {
            return db.prepare('SELECT COUNT(*) AS n FROM e2e_room_keys WHERE session_id = ?').get(lastSessionId) as {
              n: number;
            };
          } finally {
            db.close();
          }
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual({ n: 1 });
    const second = await signedIn(personA);
    await second.goto(`${baseUrl}${roomPath}`);
    await second.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    await connectChat(second, baseUrl);
    await message(second, /kann auf diesem Gerät nicht entschlüsselt werden/)
      .first()
      .waitFor({ timeout: 30_000 });

    // Not confirmed yet: it gets no room keys, and it cannot send either.
    await send(second, `Noch unbestätigt ${RUN}`);
    await expect
      .poll(async () => (await second.locator('.composer__problem').textContent()) ?? '', { timeout: 30_000 })
      .toContain('Dieses Gerät ist noch nicht bestätigt');
    await composer(second).fill('');

    await second.getByRole('button', { name: 'Gerät bestätigen' }).click();
    const dialog = second.getByRole('dialog', { name: 'Gerät bestätigen' });
    await dialog.getByLabel('Wiederherstellungsschlüssel', { exact: true }).fill('EsTl aaaa bbbb');
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();
    await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('passt nicht');
    await expectNoSeriousA11yViolations(second, 'the recovery dialog');
    await dialog.getByLabel('Wiederherstellungsschlüssel', { exact: true }).fill(recoveryKey);
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();
    await expectToast(second, 'Gerät bestätigt', 30_000);

    await message(second, GREETING_EDITED).first().waitFor({ timeout: 30_000 });
    await message(second, REPLY).waitFor({ timeout: 30_000 });
    await message(second, AFTER_REMOVAL).waitFor({ timeout: 30_000 });
    // The security banner follows the device's new signature a moment after the toast.
    await expect
      .poll(() => second.getByRole('button', { name: 'Gerät bestätigen' }).count(), { timeout: 15_000 })
      .toBe(0);
    expect(problems.flat()).toEqual([]);
  });
});
