import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, workspaceUrl, type OnePage } from './support/browser';
import { saveScreenshot } from './support/screenshots';
import { freshPeople, type FreshPerson } from './support/freshPeople';
import { signInThroughTopBar } from './support/signIn';

/** Planning a meeting in a room's meeting tab (ADR 0052), by keyboard, and its calendar file. */
const RUN = Date.now().toString(36);
const ROOM = `Planungsraum ${RUN}`;
const TITLE = `Haushaltsrunde Übersicht ${RUN}`;

describe('planned meetings in a room', () => {
  let one: OnePage;
  let page: Page;
  let baseUrl: string;
  let person: FreshPerson;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    [person] = (await freshPeople([{ firstName: 'Pia', lastName: `Planerin ${RUN}` }], `plan${RUN}`)) as [FreshPerson];
    one = await germanDesktopPage();
    page = one.page;
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, person.username, person.password);
  }, 240_000);

  afterAll(async () => {
    await one?.close();
  });

  it('an owner plans a meeting from the meeting tab by keyboard; it is listed with its calendar file', async () => {
    await page.getByRole('navigation', { name: 'Räume' }).getByRole('button', { name: 'Neuer Raum' }).click();
    const newRoom = page.getByRole('dialog', { name: 'Neuer Raum' });
    await newRoom.getByLabel('Name des Raums').fill(ROOM);
    await newRoom.getByLabel('Privat – nur hinzugefügte Personen').check();
    await newRoom.getByRole('button', { name: 'Raum anlegen' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/rooms/'), { timeout: 15_000 });
    await page.getByRole('tablist', { name: 'Ansichten des Raums' }).getByRole('tab', { name: 'Besprechung' }).click();
    const schedule = page.getByRole('region', { name: 'Geplante Besprechungen' });
    await schedule.getByText('Keine Besprechung geplant.').waitFor({ timeout: 15_000 });

    // Keyboard only: the button opens the dialog with the focus in its first field.
    await schedule.getByRole('button', { name: 'Termin planen' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Termin planen' });
    await dialog.waitFor();
    // Sent empty, the form names what is missing and puts the focus there.
    await dialog.getByRole('button', { name: 'Planen und einladen' }).click();
    await dialog.getByText('Bitte geben Sie einen Titel ein.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.keyboard.type(TITLE);
    // The length: 90 minutes.
    await dialog.getByLabel('Dauer').selectOption('90');
    await dialog.getByLabel('Tagesordnung (freiwillig)').fill('TOP 1: Übersicht\nTOP 2: Änderungen');
    await expectNoSeriousA11yViolations(page, 'the dialog that plans a meeting');
    await dialog.getByRole('button', { name: 'Planen und einladen' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const item = schedule.getByRole('listitem').filter({ hasText: TITLE });
    await item.waitFor({ timeout: 15_000 });
    const text = (await item.textContent()) ?? '';
    // Tomorrow at ten (the form's default), ninety minutes.
    expect(text).toContain('10:00–11:30 Uhr');
    expect(text).toContain('TOP 2: Änderungen');
    expect(text).toContain(`Geplant von Pia Planerin ${RUN}`);
    await expectNoSeriousA11yViolations(page, 'the room’s planned meetings');
    await saveScreenshot(page, 'meeting-schedule-de');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: `Kalenderdatei (.ics) (${TITLE})` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^besprechung-\d{4}-\d{2}-\d{2}\.ics$/);
    const calendar = new ICAL.Component(ICAL.parse(await readFile((await download.path())!, 'utf8')));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('summary')).toBe(TITLE);
    const start = (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
    const end = (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate();
    expect(end.getTime() - start.getTime()).toBe(90 * 60_000);
  });

  it('changes and cancels it', async () => {
    const schedule = page.getByRole('region', { name: 'Geplante Besprechungen' });
    const item = schedule.getByRole('listitem').filter({ hasText: TITLE });
    await item.getByRole('button', { name: `Ändern (${TITLE})` }).click();
    const dialog = page.getByRole('dialog', { name: 'Besprechung ändern' });
    await dialog.getByLabel('Dauer').selectOption('30');
    await dialog.getByRole('button', { name: 'Änderung senden' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await item.textContent()) ?? '', { timeout: 15_000 }).toContain('10:00–10:30 Uhr');

    await item.getByRole('button', { name: `Absagen (${TITLE})` }).click();
    const confirm = page.getByRole('dialog', { name: 'Besprechung absagen?' });
    await confirm.getByRole('button', { name: 'Absagen' }).click();
    await schedule.getByText('Keine Besprechung geplant.').waitFor({ timeout: 15_000 });
    expect(one.problems).toEqual([]);
  });
});
