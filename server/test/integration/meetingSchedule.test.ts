import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingReminderPass } from '../../src/commands/meetings/reminders.js';
import { startBackend, stackStorageEnv, waitUntilListening } from '../support/backendProcess.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { calendarPartsOf, messagesTo, waitForMail, type MailMessage } from '../support/mailbox.js';
import { fetchAs, signInDemo, type SignedIn } from '../support/signIn.js';
import { stackEnv } from '../support/stackEnv.js';
import { eventually, json } from '../support/tenantsApi.js';
import { roomWithMembers } from '../support/roomsApi.js';

// Planned meetings against the real stack (ADR 0052): the mails land in the stack's Mailpit, their
// calendar parts are read back with ical.js (not the library that wrote them), the reminder
// reaches the room's chat on the homeserver.
interface Planned {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  sequence: number;
  agenda: string | null;
  createdBy: string;
}

const email = (username: string) => `${username}@demo.example`;

/** The newest mail to the address about this meeting, with its calendar part parsed. */
async function invitationTo(username: string, title: string, count: number) {
  const subject = new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const message: MailMessage = await waitForMail(email(username), { count, subject, timeoutMs: 60_000 });
  const parts = await calendarPartsOf(message.ID);
  expect(parts.length).toBeGreaterThan(0);
  const calendar = new ICAL.Component(ICAL.parse(parts[0]!.text));
  return { message, contentType: parts[0]!.contentType, calendar, event: calendar.getFirstSubcomponent('vevent')! };
}

describe('planned meetings', () => {
  let owner: SignedIn; // bernd.beispiel plans in his room
  let member: SignedIn; // amelie.admin, a member of the room
  let guest: SignedIn; // gabi.gast, a guest of the room who turned notices off
  let outsider: SignedIn; // paula.plattform, of the tenant but not of the room
  let tenantId: string;
  let roomId: string;
  let base: string;
  let db: Db;

  const send = (s: SignedIn, method: string, path: string, body?: unknown) =>
    fetchAs(s, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const setNotices = (s: SignedIn, enabled: boolean) =>
    send(s, 'PUT', `/api/tenants/${tenantId}/people/${s.actor.userId}/mail-notices`, { enabled });

  beforeAll(async () => {
    [owner, member, guest, outsider] = await Promise.all([
      signInDemo('bernd.beispiel'),
      signInDemo('amelie.admin'),
      signInDemo('gabi.gast'),
      signInDemo('paula.plattform'),
    ]);
    tenantId = owner.actor.tenantId!;
    let roomBase: string;
    ({ roomId, base: roomBase } = await roomWithMembers(
      owner,
      { name: `Planung ${randomBytes(3).toString('hex')}`, visibility: 'private' },
      [
        [member, 'member'],
        [guest, 'guest'],
      ],
    ));
    base = `${roomBase}/scheduled-meetings`;
    // The owner and the member take notices by e-mail (as is the default), the guest turned them off.
    for (const [who, enabled] of [
      [owner, true],
      [member, true],
      [guest, false],
    ] as const) {
      expect((await setNotices(who, enabled)).status).toBe(200);
    }
    db = openDatabase(stackEnv('DATABASE_URL'));
  }, 120_000);

  afterAll(async () => {
    await setNotices(guest, true);
    await db.destroy();
  });

  it('invites, updates and cancels by e-mail with a calendar part; the opted-out member gets none', async () => {
    const title = `Haushaltsrunde Größe ${randomBytes(3).toString('hex')}`;
    const startsAt = new Date(Date.now() + 3 * 24 * 3_600_000);
    startsAt.setUTCSeconds(0, 0);
    const plan = {
      title,
      startsAt: startsAt.toISOString(),
      durationMinutes: 90,
      agenda: 'TOP 1: Übersicht\nTOP 2: Änderungen',
    };

    // Only owners and moderators plan; the member and the guest may not.
    expect((await send(member, 'POST', base, plan)).status).toBe(403);
    expect((await send(guest, 'POST', base, plan)).status).toBe(403);
    const past = await send(owner, 'POST', base, { ...plan, startsAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    // The shape is checked at the edge (400), the rules by the domain (422).
    expect((await send(owner, 'POST', base, { ...plan, durationMinutes: 481 })).status).toBe(400);
    const planned = await json<Planned>(await send(owner, 'POST', base, plan), 201);
    expect(planned).toMatchObject({ title, durationMinutes: 90, sequence: 0, createdBy: 'Bernd Beispiel' });
    expect(planned.startsAt).toBe(startsAt.toISOString());

    // Every member sees it; someone of the tenant outside the room neither sees nor downloads it (another
    // tenant's admin is refused in the authorization matrix).
    for (const s of [owner, member, guest]) {
      const listed = await json<{ meetings: Planned[] }>(await fetchAs(s, base), 200);
      expect(listed.meetings.map((m) => m.id)).toContain(planned.id);
    }
    expect((await fetchAs(outsider, base)).status).toBe(403);
    expect((await fetchAs(outsider, `${base}/${planned.id}/calendar.ics`)).status).toBe(403);

    // The download: the invitation as it stands, naming the caller.
    const download = await fetchAs(member, `${base}/${planned.id}/calendar.ics`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    const file = new ICAL.Component(ICAL.parse(await download.text()));
    const fileEvent = file.getFirstSubcomponent('vevent')!;
    expect(file.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(String(fileEvent.getFirstPropertyValue('uid'))).toMatch(new RegExp(`^${planned.id}@`));
    expect(String(fileEvent.getFirstProperty('attendee')!.getFirstValue()).toLowerCase()).toBe(
      `mailto:${email('amelie.admin')}`,
    );

    // The invitation by e-mail, with its calendar part.
    const invited = await invitationTo('amelie.admin', title, 1);
    expect(invited.message.Subject).toMatch(/^Einladung: /);
    expect(invited.contentType).toMatch(/method=REQUEST/i);
    expect(invited.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const uid = String(invited.event.getFirstPropertyValue('uid'));
    expect(uid).toBe(String(fileEvent.getFirstPropertyValue('uid')));
    expect(invited.event.getFirstPropertyValue('sequence')).toBe(0);
    expect(invited.event.getFirstPropertyValue('summary')).toBe(title);
    expect(invited.event.getFirstPropertyValue('description')).toBe(plan.agenda);
    expect((invited.event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime()).toBe(startsAt.getTime());
    expect((invited.event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime()).toBe(
      startsAt.getTime() + 90 * 60_000,
    );
    const organizer = invited.event.getFirstProperty('organizer')!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe(`mailto:${email('bernd.beispiel')}`);
    expect(organizer.getParameter('cn')).toBe('Bernd Beispiel');
    expect(String(invited.event.getFirstProperty('attendee')!.getFirstValue()).toLowerCase()).toBe(
      `mailto:${email('amelie.admin')}`,
    );
    await invitationTo('bernd.beispiel', title, 1);

    // The update: same UID, the next sequence, a REQUEST again.
    const later = new Date(startsAt.getTime() + 3_600_000);
    const changed = await json<Planned>(
      await send(owner, 'PUT', `${base}/${planned.id}`, {
        ...plan,
        startsAt: later.toISOString(),
        durationMinutes: 30,
      }),
      200,
    );
    expect(changed.sequence).toBe(1);
    expect((await send(member, 'PUT', `${base}/${planned.id}`, plan)).status).toBe(403);
    const update = await invitationTo('amelie.admin', title, 2);
    expect(update.message.Subject).toMatch(/^Geändert: /);
    expect(update.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(String(update.event.getFirstPropertyValue('uid'))).toBe(uid);
    expect(update.event.getFirstPropertyValue('sequence')).toBe(1);
    expect((update.event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime()).toBe(later.getTime());

    // The cancellation: METHOD:CANCEL, STATUS:CANCELLED, the sequence after; gone from the list.
    expect((await send(member, 'DELETE', `${base}/${planned.id}`)).status).toBe(403);
    expect((await send(owner, 'DELETE', `${base}/${planned.id}`)).status).toBe(204);
    const cancel = await invitationTo('amelie.admin', title, 3);
    expect(cancel.message.Subject).toMatch(/^Abgesagt: /);
    expect(cancel.contentType).toMatch(/method=CANCEL/i);
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(cancel.event.getFirstPropertyValue('uid'))).toBe(uid);
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(2);
    const listed = await json<{ meetings: Planned[] }>(await fetchAs(member, base), 200);
    expect(listed.meetings.map((m) => m.id)).not.toContain(planned.id);
    expect((await send(owner, 'PUT', `${base}/${planned.id}`, plan)).status).toBe(409);

    // The guest turned notices off: none of the three reached her (the member's came meanwhile).
    await invitationTo('bernd.beispiel', title, 3);
    expect(await messagesTo(email('gabi.gast'), new RegExp(title))).toEqual([]);

    // Each step is in the tenant's audit log.
    for (const action of ['meeting.schedule', 'meeting.reschedule', 'meeting.cancel']) {
      const audit = await json<{ entries: { details: Record<string, unknown> }[] }>(
        await fetchAs(member, `/api/tenants/${tenantId}/audit?action=${action}&limit=20`),
        200,
      );
      expect(audit.entries.some((e) => e.details.meetingId === planned.id)).toBe(true);
    }
  }, 180_000);

  it('reminds the room’s chat once before the start, however many passes run', async () => {
    const title = `Kurzfristig ${randomBytes(3).toString('hex')}`;
    const planned = await json<Planned>(
      await send(owner, 'POST', base, {
        title,
        startsAt: new Date(Date.now() + 6 * 60_000).toISOString(),
        durationMinutes: 15,
      }),
      201,
    );
    const store = createStore(db);
    const matrixRoomId = await eventually(
      () => store.read.rooms.matrixRoomId(roomId),
      (id) => id !== undefined && id !== null,
      60_000,
    );
    const reminders = async () => {
      const url = new URL(
        `${stackEnv('MATRIX_HOMESERVER_URL')}/_matrix/client/v3/rooms/${encodeURIComponent(matrixRoomId!)}/messages`,
      );
      url.searchParams.set('dir', 'b');
      url.searchParams.set('limit', '100');
      const response = await fetch(url, { headers: { Authorization: `Bearer ${stackEnv('MATRIX_AS_TOKEN')}` } });
      const body = (await response.json()) as {
        chunk: { type: string; content: { msgtype?: string; body?: string } }[];
      };
      return body.chunk.filter((e) => e.content.msgtype === 'm.notice' && (e.content.body ?? '').includes(title));
    };
    // The backend's own pass (every two seconds on the test stack) posts it …
    const posted = await eventually(reminders, (list) => list.length > 0, 60_000);
    expect(posted[0]!.content.body).toMatch(/^Erinnerung: Die Besprechung „.*“ beginnt um \d\d:\d\d Uhr\.$/);
    // … and a pass of another process, as after a restart, finds it claimed …
    expect(await meetingReminderPass(store, Date.now())).toBe(0);
    // … as does a second backend on the same database, started now (another replica, or the one
    // that comes up after a restart), whose pass runs every second.
    const second = await startBackend({
      DATABASE_URL: stackEnv('DATABASE_URL'),
      PUBLIC_URL: stackEnv('PUBLIC_URL'),
      MEETING_REMINDER_INTERVAL_MS: '1000',
      // Its outbox worker works the stack's jobs as the stack's backend would: the same mail and storage.
      ...Object.fromEntries(
        ['SMTP_HOST', 'SMTP_PORT', 'SMTP_FROM', 'SMTP_FROM_NAME', 'SMTP_TLS'].map((n) => [n, process.env[n]]),
      ),
      ...stackStorageEnv(),
    });
    try {
      await waitUntilListening(second);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    } finally {
      await second.stop();
    }
    expect(await reminders()).toHaveLength(1);
    expect((await store.read.schedule.find(planned.id))?.remindedAt).not.toBeNull();
  }, 120_000);
});
