import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  stackStorageSettings,
  startBackend,
  waitUntilListening,
  type BackendRun,
} from '../../server/test/support/backendProcess';
import { fetchAs, signInDemo, type SignedIn } from '../../server/test/support/signIn';
import { json } from '../../server/test/support/tenantsApi';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, workspaceUrl } from './support/browser';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { saveScreenshot } from './support/screenshots';
import { signedInGermanPage } from './support/signIn';

/**
 * The room's documents against the real stack: library, uploads, trash, versions and the
 * collaborative editor with three people (A owner, B member, C room guest).
 *
 * The pages run on a backend process of the test's own that shares the stack's database,
 * session secret, file storage, Keycloak and Synapse; the browsers sign in on the stack's
 * backend (Keycloak knows only its address) and the session cookie, which is per host,
 * holds on the test's backend too. That process is what "the server" is for the editor:
 * the test stops it (SIGTERM, as an operator would) and starts a new one, and the document
 * must come back intact from what was stored.
 */

const RUN = Date.now().toString(36);
const ROOM = `Aktenablage ${RUN}`;
const DOC = `Protokoll ${RUN}`;
const execFileAsync = promisify(execFile);

/** Settings the test's backend takes over from the stack besides those backendProcess passes. */
const PASSED_THROUGH = [
  ...stackStorageSettings,
  'DOCUMENTS_MAX_UPLOAD_MB',
  'SOFFICE_PATH',
  'CONVERSION_TIMEOUT_MS',
  'CONVERSION_SANDBOX',
  'BWRAP_PATH',
  'CONVERSION_MEMORY_MB',
  // Uploads are scanned by the stack's ClamAV (ADR 0055).
  'CLAMD_URL',
];

function sharedEnvironment(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { DATABASE_URL: process.env.DATABASE_URL };
  for (const name of PASSED_THROUGH) env[name] = process.env[name];
  return env;
}

/** A DOCX made by LibreOffice from a small HTML page, as a person's word processor would. */
async function makeDocx(dir: string): Promise<Buffer> {
  const source = path.join(dir, 'Bericht.html');
  await writeFile(source, `<html><body><h1>Bericht ${RUN}</h1><p>Erstellt für den Test.</p></body></html>`);
  await execFileAsync(
    process.env.SOFFICE_PATH ?? 'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      dir,
      source,
    ],
    { timeout: 120_000 },
  );
  return readFile(path.join(dir, 'Bericht.docx'));
}

function editor(page: Page): Locator {
  return page.getByTestId('document-editor');
}

function table(page: Page): Locator {
  return page.getByTestId('library-table');
}

function row(page: Page, name: string): Locator {
  return table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
}

async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Aktionen für ${name}` }).click();
  await row(page, name).getByRole('button', { name: action, exact: true }).click();
}

async function expectToast(page: Page, text: string): Promise<void> {
  await page.getByTestId('toasts').getByText(text).waitFor({ timeout: 15_000 });
}

/**
 * Waits until `page`'s editor shows `text` and the other person's caret with `name`; the
 * time from `since` is returned.
 */
async function seenWithCaret(page: Page, text: string, name: string, since: number): Promise<number> {
  await page.waitForFunction(
    ([expected, who]) => {
      const area = document.querySelector('[data-testid="document-editor"]');
      if (!area?.textContent?.includes(expected ?? '')) return false;
      return Array.from(area.querySelectorAll('.collaboration-carets__label')).some(
        (label) => label.textContent === who,
      );
    },
    [text, name],
    { polling: 'raf', timeout: 10_000 },
  );
  return Date.now() - since;
}

describe('documents in a room', () => {
  let baseUrl: string;
  let browser: Browser;
  let backend: BackendRun;
  let appUrl: string;
  let admin: SignedIn;
  let tenantId: string;
  let roomId: string;
  let textId: string;
  let workDir: string;
  let docx: Buffer;
  let previousPolicy: Record<string, unknown> | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let anna: FreshPerson;
  let bernd: FreshPerson;
  let carla: FreshPerson;
  let a: Page;
  let b: Page;
  let c: Page;

  async function startOwnBackend(): Promise<void> {
    backend = await startBackend(sharedEnvironment());
    await waitUntilListening(backend);
    // Same host as the stack's backend, so the browser sends its session cookie.
    appUrl = backend.url.replace('127.0.0.1', 'localhost');
  }

  async function signedInPage(person: FreshPerson): Promise<Page> {
    const signedIn = await signedInGermanPage(browser, baseUrl, person.username, person.password);
    contexts.push(signedIn.context);
    problems.push(signedIn.problems);
    return signedIn.page;
  }

  /** A write through the page's own session (cookie and CSRF token), against the test's backend. */
  async function callAs(page: Page, method: string, apiPath: string, body?: unknown): Promise<Response> {
    const session = (await (await page.context().request.get(`${appUrl}/api/session`)).json()) as {
      csrfToken: string;
    };
    const cookies = await page.context().cookies(appUrl);
    return fetch(`${appUrl}${apiPath}`, {
      method,
      headers: {
        Cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
        'X-CSRF-Token': session.csrfToken,
        Origin: appUrl,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async function personId(username: string): Promise<string> {
    const body = await json<{ people: { id: string; username: string }[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people?search=${encodeURIComponent(username)}`),
      200,
    );
    const found = body.people.find((person) => person.username === username);
    if (!found) throw new Error(`${username} not found`);
    return found.id;
  }

  async function openDocuments(page: Page, suffix = ''): Promise<void> {
    await page.goto(`${appUrl}/rooms/${encodeURIComponent(roomId)}/documents${suffix}`);
    await page.getByRole('heading', { level: 1, name: ROOM }).waitFor({ timeout: 30_000 });
  }

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    workDir = await mkdtemp(path.join(os.tmpdir(), 'documents-e2e-'));
    const made = makeDocx(workDir);
    await startOwnBackend();
    browser = await launchBrowser();
    [anna, bernd, carla] = (await freshPeople(
      [
        { firstName: 'Anna', lastName: `Akte ${RUN}` },
        { firstName: 'Bernd', lastName: `Bogen ${RUN}` },
        { firstName: 'Carla', lastName: `Gast ${RUN}` },
      ],
      `docs${RUN}`,
    )) as [FreshPerson, FreshPerson, FreshPerson];
    admin = await signInDemo('amelie.admin');
    tenantId = admin.actor.tenantId ?? '';
    [a, b, c] = await Promise.all([signedInPage(anna), signedInPage(bernd), signedInPage(carla)]);

    const room = await json<{ id: string }>(
      await callAs(a, 'POST', `/api/tenants/${tenantId}/rooms`, { name: ROOM, visibility: 'private' }),
      201,
    );
    roomId = room.id;
    for (const [person, role] of [
      [bernd, 'member'],
      [carla, 'guest'],
    ] as const) {
      const response = await callAs(
        a,
        'PUT',
        `/api/tenants/${tenantId}/rooms/${roomId}/members/${await personId(person.username)}`,
        { role },
      );
      expect([200, 201, 204], await response.text()).toContain(response.status);
    }
    docx = await made;
  }, 300_000);

  afterAll(async () => {
    if (previousPolicy && admin) {
      await fetchAs(admin, `/api/tenants/${tenantId}/policy`, {
        method: 'PUT',
        body: JSON.stringify(previousPolicy),
      });
    }
    for (const context of contexts) await context.close();
    await browser?.close();
    await backend?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('shows the empty library with its way forward, reachable as the third tab', async () => {
    await openDocuments(a);
    const tab = a.getByRole('tablist', { name: 'Ansichten des Raums' }).getByRole('tab', { name: 'Dokumente' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await a
      .getByTestId('library-empty')
      .getByText('Noch keine Dokumente — laden Sie eine Datei hoch oder legen Sie ein Dokument an.')
      .waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(a, 'the empty library');
  });

  it('uploads two files through the file input, with a progress bar each and an announcement', async () => {
    await a.evaluate(() => {
      const seen: Record<string, number[]> = {};
      (window as unknown as { __progress: typeof seen }).__progress = seen;
      new MutationObserver(() => {
        for (const bar of Array.from(document.querySelectorAll('[role="progressbar"]'))) {
          const name = bar.getAttribute('aria-label') ?? '';
          const list = (seen[name] ??= []);
          const value = Number(bar.getAttribute('aria-valuenow'));
          if (list.at(-1) !== value) list.push(value);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const note = Buffer.from(`Notiz ${RUN}\n${randomBytes(400_000).toString('base64')}`);
    await a.locator('input[type="file"]').setInputFiles([
      {
        name: 'Bericht.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: docx,
      },
      { name: 'Notiz.txt', mimeType: 'text/plain', buffer: note },
    ]);
    await row(a, 'Bericht.docx').waitFor({ timeout: 30_000 });
    await row(a, 'Notiz.txt').waitFor({ timeout: 30_000 });
    const bars = a.getByRole('progressbar');
    expect(await bars.count()).toBe(2);
    for (const name of ['Bericht.docx', 'Notiz.txt']) {
      await expect
        .poll(() => a.getByRole('progressbar', { name: `Fortschritt von ${name}` }).getAttribute('aria-valuenow'))
        .toBe('100');
    }
    const progress = await a.evaluate(() => (window as unknown as { __progress: Record<string, number[]> }).__progress);
    expect(progress['Fortschritt von Notiz.txt']?.at(-1)).toBe(100);
    await expect
      .poll(() => a.getByTestId('upload-status').textContent(), { timeout: 15_000 })
      .toMatch(/„(Notiz\.txt|Bericht\.docx)“ ist hochgeladen\./);
  });

  it('refuses a file over the tenant’s limit with a clear message, before sending it', async () => {
    const current = await json<Record<string, unknown>>(await fetchAs(admin, `/api/tenants/${tenantId}/policy`), 200);
    previousPolicy = {
      meetings: current.meetings,
      guests: current.guests,
      recording: current.recording,
      maxUploadMb: current.maxUploadMb ?? null,
    };
    await json(
      await fetchAs(admin, `/api/tenants/${tenantId}/policy`, {
        method: 'PUT',
        body: JSON.stringify({ ...previousPolicy, maxUploadMb: 1 }),
      }),
      200,
    );
    await a.reload();
    await a.getByText('höchstens 1 MB je Datei', { exact: false }).waitFor({ timeout: 15_000 });
    await a
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'Gross.bin', mimeType: 'application/octet-stream', buffer: randomBytes(1_500_000) }]);
    await expect
      .poll(() => a.getByTestId('upload-status').textContent())
      .toBe('„Gross.bin“ ist zu groß: Erlaubt sind höchstens 1 MB je Datei.');
    expect(await row(a, 'Gross.bin').count()).toBe(0);
    await json(
      await fetchAs(admin, `/api/tenants/${tenantId}/policy`, { method: 'PUT', body: JSON.stringify(previousPolicy) }),
      200,
    );
    previousPolicy = undefined;
  });

  it('renames, makes a folder, moves into it, deletes into the trash and restores', async () => {
    await a.reload();
    await rowAction(a, 'Notiz.txt', 'Umbenennen');
    const rename = a.getByRole('dialog', { name: 'Umbenennen' });
    await rename.getByLabel('Neuer Name').fill('Notiz umbenannt.txt');
    await rename.getByRole('button', { name: 'Umbenennen' }).click();
    await row(a, 'Notiz umbenannt.txt').waitFor({ timeout: 15_000 });

    await a.getByRole('button', { name: 'Neuer Ordner' }).click();
    const folder = a.getByRole('dialog', { name: 'Neuer Ordner' });
    await folder.getByLabel('Name des Ordners').fill('Akten');
    await folder.getByRole('button', { name: 'Ordner anlegen' }).click();
    await row(a, 'Akten').waitFor({ timeout: 15_000 });

    await rowAction(a, 'Bericht.docx', 'Verschieben');
    const move = a.getByRole('dialog', { name: '„Bericht.docx“ verschieben' });
    await move.getByLabel('Akten').check();
    await move.getByRole('button', { name: 'Hierhin verschieben' }).click();
    await expectToast(a, '„Bericht.docx“ ist verschoben.');
    await expect.poll(() => row(a, 'Bericht.docx').count(), { timeout: 15_000 }).toBe(0);

    await table(a).getByRole('link', { name: 'Akten' }).click();
    await row(a, 'Bericht.docx').waitFor({ timeout: 15_000 });
    await a.getByRole('navigation', { name: 'Ablageort' }).getByText('Akten').waitFor();

    // Downloading is a link (the browser fetches the file itself), the other actions are buttons.
    await a.getByRole('button', { name: 'Aktionen für Bericht.docx' }).click();
    const [download] = await Promise.all([
      a.waitForEvent('download'),
      row(a, 'Bericht.docx').getByRole('link', { name: 'Herunterladen', exact: true }).click(),
    ]);
    const downloaded = await readFile((await download.path()) ?? '');
    expect(downloaded.equals(docx), 'the downloaded file has the uploaded bytes').toBe(true);

    await rowAction(a, 'Bericht.docx', 'Versionen');
    const versions = a.getByRole('dialog', { name: 'Versionen von Bericht.docx' });
    await versions.getByTestId('versions-table').getByText('Version 1').waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(a, 'the versions dialog');
    await versions.getByRole('button', { name: 'Schließen' }).click();

    await a.getByRole('navigation', { name: 'Ablageort' }).getByRole('link', { name: 'Dokumente' }).click();
    await rowAction(a, 'Notiz umbenannt.txt', 'In den Papierkorb');
    await expectToast(a, '„Notiz umbenannt.txt“ liegt jetzt im Papierkorb.');
    await expect.poll(() => row(a, 'Notiz umbenannt.txt').count(), { timeout: 15_000 }).toBe(0);

    await a.getByRole('link', { name: 'Papierkorb' }).click();
    const trash = a.getByTestId('trash-table');
    await trash.getByText('Notiz umbenannt.txt').waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(a, 'the trash');
    await a.getByRole('button', { name: 'Notiz umbenannt.txt wiederherstellen' }).click();
    await expectToast(a, '„Notiz umbenannt.txt“ ist wiederhergestellt.');
    await a.getByRole('link', { name: 'Zurück zu den Dokumenten' }).first().click();
    await row(a, 'Notiz umbenannt.txt').waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(a, 'the library');
    await saveScreenshot(a, 'documents-de', { fullPage: false });
  });

  it('A and B write together and see each other’s text and caret within a second; C only reads', async () => {
    await a.getByRole('button', { name: 'Neues Textdokument' }).click();
    const create = a.getByRole('dialog', { name: 'Neues Textdokument' });
    await create.getByLabel('Name des Dokuments').fill(DOC);
    await create.getByRole('button', { name: 'Dokument anlegen' }).click();
    await a.waitForURL((url) => /\/documents\/[^/]+$/.test(url.pathname), { timeout: 15_000 });
    textId = decodeURIComponent(new URL(a.url()).pathname.split('/').pop() ?? '');
    const docUrl = `${appUrl}/rooms/${encodeURIComponent(roomId)}/documents/${encodeURIComponent(textId)}`;

    await b.goto(docUrl);
    for (const page of [a, b]) {
      await editor(page).waitFor({ timeout: 30_000 });
      await page.getByTestId('editor-status').getByText('verbunden').waitFor({ timeout: 15_000 });
    }
    expect(await editor(a).getAttribute('contenteditable')).toBe('true');

    await editor(a).click();
    await a.keyboard.type(`Anna schreibt ${RUN}.`);
    const annaWait = await seenWithCaret(b, `Anna schreibt ${RUN}.`, anna.displayName, Date.now());
    await editor(b).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Enter');
    await b.keyboard.type(`Bernd ergänzt ${RUN}.`);
    const berndWait = await seenWithCaret(a, `Bernd ergänzt ${RUN}.`, bernd.displayName, Date.now());
    console.log(`collaboration: B saw A's text and caret after ${annaWait} ms, A saw B's after ${berndWait} ms`);
    expect(annaWait).toBeLessThanOrEqual(1000);
    expect(berndWait).toBeLessThanOrEqual(1000);
    await a.getByTestId('editor-presence').getByText(`Hier: Sie, ${bernd.displayName}`).waitFor({ timeout: 5_000 });

    await c.goto(docUrl);
    await editor(c).waitFor({ timeout: 30_000 });
    await c.getByTestId('editor-read-only').waitFor();
    await expect.poll(() => editor(c).textContent(), { timeout: 10_000 }).toContain(`Bernd ergänzt ${RUN}.`);
    expect(await editor(c).getAttribute('contenteditable')).toBe('false');
    expect(await c.getByRole('toolbar', { name: 'Formatierung' }).count()).toBe(0);
    await c.waitForFunction(() => document.querySelectorAll('.collaboration-carets__caret').length >= 2, undefined, {
      timeout: 10_000,
    });
    await saveScreenshot(c, 'editor-de', { fullPage: false });

    await a.getByRole('button', { name: 'Fett' }).waitFor();
    expect(await a.getByRole('button', { name: 'Fett' }).getAttribute('aria-pressed')).toBe('false');
    await expectNoSeriousA11yViolations(a, 'the editor');
  });

  it('keeps the document intact when the server is stopped and started again', async () => {
    await expect.poll(() => editor(a).textContent()).toContain(`Bernd ergänzt ${RUN}.`);
    await backend.stop();
    await a
      .getByTestId('editor-status')
      .getByText(/offline/)
      .waitFor({ timeout: 15_000 });
    await startOwnBackend();
    const docUrl = `${appUrl}/rooms/${encodeURIComponent(roomId)}/documents/${encodeURIComponent(textId)}`;
    for (const page of [a, b]) {
      await page.goto(docUrl);
      await page.getByTestId('editor-status').getByText('verbunden').waitFor({ timeout: 30_000 });
    }
    await expect.poll(() => editor(b).textContent(), { timeout: 15_000 }).toContain(`Anna schreibt ${RUN}.`);
    expect(await editor(b).textContent()).toContain(`Bernd ergänzt ${RUN}.`);
  });

  it('compares an older version with the current one, removed and added words marked', async () => {
    const versions = `/api/tenants/${tenantId}/rooms/${roomId}/documents/entries/${textId}/versions`;
    expect((await callAs(a, 'POST', versions)).status).toBe(201);
    await editor(a).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.press('Enter');
    await a.keyboard.type(`Nachtrag ${RUN}.`);
    await expect.poll(() => editor(b).textContent(), { timeout: 15_000 }).toContain(`Nachtrag ${RUN}.`);
    await a.getByTestId('editor-status').getByText('verbunden').waitFor({ timeout: 15_000 });
    expect((await callAs(a, 'POST', versions)).status).toBe(201);

    await a.getByRole('button', { name: 'Versionen', exact: true }).click();
    const dialog = a.getByRole('dialog');
    await dialog.getByTestId('versions-table').waitFor({ timeout: 15_000 });
    const compareButtons = dialog.getByRole('button', { name: /mit der aktuellen vergleichen$/ });
    await compareButtons.first().waitFor();
    await compareButtons.first().click();
    const compared = dialog.getByTestId('version-compare');
    await compared.locator('ins', { hasText: `Nachtrag ${RUN}.` }).waitFor({ timeout: 15_000 });
    expect(await compared.getByTestId('compare-summary').textContent()).toMatch(/Abschnitt.* geändert/);
    await expectNoSeriousA11yViolations(a, 'two versions compared');
    await saveScreenshot(a, 'version-compare-de', { fullPage: false });
    await compared.getByRole('button', { name: 'Zurück zu den Versionen' }).click();
    await dialog.getByTestId('versions-table').waitFor();
    await a.keyboard.press('Escape');
  });

  it('removing B from the room ends B’s editing at once, and the link no longer opens', async () => {
    const started = Date.now();
    const removed = await callAs(
      a,
      'DELETE',
      `/api/tenants/${tenantId}/rooms/${roomId}/members/${await personId(bernd.username)}`,
    );
    expect([200, 204], await removed.text()).toContain(removed.status);
    // Two things tell B at once, whichever arrives first: the editor's connection is closed as
    // revoked (the editor says so and stops), or B's room list learns B left the room and the room
    // page gives way to its no-access view, which takes the editor with it.
    const revoked = b.getByTestId('editor-access-ended').getByText('Ihr Zugriff auf dieses Dokument wurde entzogen');
    const roomGone = b.getByText(/Diesen Raum gibt es nicht|keinen Zugriff|nicht gefunden/).first();
    const seen = await Promise.race([
      revoked.waitFor({ timeout: 10_000 }).then(() => 'revoked' as const),
      roomGone.waitFor({ timeout: 10_000 }).then(() => 'room-gone' as const),
    ]);
    console.log(`collaboration: B's editing ended (${seen}) after ${Date.now() - started} ms`);
    // Once revoked, the editor is read-only, or already gone with the room page when both came at once.
    const editable = await editor(b).evaluateAll((found) => found.map((el) => el.getAttribute('contenteditable')));
    if (seen === 'revoked') expect(editable.every((value) => value === 'false')).toBe(true);
    else expect(editable).toEqual([]);

    await b.reload();
    await b.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => editor(b).count(), { timeout: 10_000 }).toBe(0);
    await b
      .getByText(/Dieses Dokument gibt es nicht|Diesen Raum gibt es nicht|keinen Zugriff|nicht gefunden/)
      .first()
      .waitFor({ timeout: 15_000 });
  });

  it('withholds a file with malware: marked in the list, explained on its page, nothing to download', async () => {
    await openDocuments(a);
    // The EICAR test file, harmless and known to every scanner; put together so no source file is it.
    const eicar = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join('');
    await a
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'Rechnung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(eicar) }]);
    const quarantined = row(a, 'Rechnung.pdf');
    await quarantined.getByTestId('scan-badge').getByText('Gesperrt: Schadsoftware').waitFor({ timeout: 30_000 });
    await a.getByRole('button', { name: 'Aktionen für Rechnung.pdf' }).click();
    expect(await quarantined.getByRole('link', { name: 'Herunterladen' }).count()).toBe(0);
    await a.keyboard.press('Escape');

    await quarantined.getByRole('link', { name: 'Rechnung.pdf' }).click();
    const notice = a.getByTestId('scan-notice');
    await notice.getByText('Schadsoftware gefunden: Die Datei ist gesperrt').waitFor({ timeout: 15_000 });
    expect(await a.getByRole('link', { name: 'Herunterladen' }).count()).toBe(0);
    expect(await a.getByTestId('preview-frame').count()).toBe(0);
    await expectNoSeriousA11yViolations(a, 'a quarantined file');
    await saveScreenshot(a, 'document-quarantined-de', { fullPage: false });
  });

  it('shows the library in English', async () => {
    await openDocuments(a);
    await a.getByRole('button', { name: 'English', exact: true }).click();
    await a.getByRole('tab', { name: 'Documents' }).waitFor();
    await table(a).waitFor({ timeout: 15_000 });
    await saveScreenshot(a, 'documents-en', { fullPage: false });
    await a.getByRole('button', { name: 'Deutsch', exact: true }).click();
    for (const list of problems) expect(list).toEqual([]);
  });
});
