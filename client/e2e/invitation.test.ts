import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, signInDemo, type SignedIn } from '../../server/test/support/signIn';
import { INVITATION_SUBJECT, invitationLink, waitForMail, type MailMessage } from '../../server/test/support/mailbox';
import { eventually, json } from '../../server/test/support/tenantsApi';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, workspaceUrl } from './support/browser';
import { demoPassword, fillOneTimeCode, signInThroughTopBar } from './support/signIn';
import { expectToast } from './support/toasts';

/**
 * The invitation by e-mail, against the real stack and its mail server (Mailpit): the demo
 * tenant's admin adds a person in the people admin and puts them into a room; the invitation
 * arrives in the person's language; they follow its link, choose a password on Keycloak's pages,
 * come back to the workspace, sign in and find the room. A second person, invited in English,
 * gets the English mail; sending an invitation again delivers a second one.
 */

const ADMIN = 'amelie.admin';
const DOMAIN = 'demo.example';
/** Unique per run, so reruns on the same stack never collide; only a-z, 0-9 and hyphens. */
const RUN = `inv${Date.now().toString(36)}`;
const INVITED = {
  email: `${RUN}-de@${DOMAIN}`,
  firstName: 'Ida',
  lastName: `Eingeladen ${RUN}`,
  username: `${RUN}-de`,
};
const ENGLISH = { email: `${RUN}-en@${DOMAIN}`, firstName: 'Ian', lastName: `Invited ${RUN}`, username: `${RUN}-en` };
const ROOM = `Willkommen ${RUN}`;
const PASSWORD = `Einladung-${RUN}-angenommen`;

interface PersonBody {
  id: string;
  username: string;
  locale: string;
  invitedAt: string | null;
  sync: { state: string };
}

/** Follows Keycloak's pages from the invitation's link until the browser is back on the workspace. */
async function acceptInvitation(page: Page, link: string, baseUrl: string, username: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  await page.goto(link);
  for (let step = 0; step < 8; step += 1) {
    await page.waitForLoadState('domcontentloaded');
    if (new URL(page.url()).origin === origin) return;
    const newPassword = page.locator('input[name="password-new"]:visible');
    const totpSetup = page.locator('input[name="totp"]:visible');
    const before = page.url();
    if ((await newPassword.count()) > 0) {
      await newPassword.fill(PASSWORD);
      await page.locator('input[name="password-confirm"]').fill(PASSWORD);
    } else if ((await totpSetup.count()) > 0) {
      await fillOneTimeCode(page, username);
    } else {
      // An information page: "click here to proceed", or back to the workspace once done.
      const onward = page.locator(`a[href*="action-token"], a[href^="${origin}"]`).first();
      await onward.waitFor({ timeout: 30_000 });
      await Promise.all([page.waitForURL((url) => url.href !== before, { timeout: 30_000 }), onward.click()]);
      continue;
    }
    const submit = page.locator('[type="submit"]').first();
    await Promise.all([page.waitForURL((url) => url.href !== before, { timeout: 30_000 }), submit.click()]);
  }
  throw new Error(`the invitation did not lead back to the workspace; the browser is at ${page.url()}`);
}

describe('invitation by e-mail', () => {
  let baseUrl: string;
  let admin: Page;
  let adminProblems: string[];
  let closeAdmin: () => Promise<void>;
  let adminApi: SignedIn;
  let tenantId: string;
  let invitedId: string;
  let germanMail: MailMessage;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    ({ page: admin, problems: adminProblems, close: closeAdmin } = await germanDesktopPage());
    adminApi = await signInDemo(ADMIN);
    tenantId = adminApi.actor.tenantId ?? '';
    expect(tenantId, 'the demo admin has a tenant').not.toBe('');
  });

  afterAll(async () => {
    await closeAdmin?.();
  });

  it('the admin adds a person in German and puts them into a room; the invitation goes out', async () => {
    await admin.goto(`${baseUrl}/`);
    await signInThroughTopBar(admin, baseUrl, ADMIN, demoPassword());
    await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personen' }).click();
    await admin.getByTestId('people-table').waitFor();

    const form = admin.getByRole('region', { name: 'Person hinzufügen' });
    await form.getByLabel('E-Mail-Adresse', { exact: true }).fill(INVITED.email);
    await form.getByLabel('Vorname').fill(INVITED.firstName);
    await form.getByLabel('Nachname').fill(INVITED.lastName);
    await form.getByLabel('Anmeldename (optional)').fill(INVITED.username);
    const language = form.getByLabel('Sprache der E-Mails');
    expect(await language.inputValue()).toBe('de');
    await expectNoSeriousA11yViolations(admin, 'the people page with the language of e-mails');
    await form.getByRole('button', { name: 'Person hinzufügen' }).click();
    await expectToast(admin, `${INVITED.firstName} ${INVITED.lastName} wurde hinzugefügt`);

    const people = await json<{ people: PersonBody[] }>(
      await fetchAs(adminApi, `/api/tenants/${tenantId}/people?search=${encodeURIComponent(INVITED.username)}`),
      200,
    );
    const invited = people.people.find((person) => person.username === INVITED.username);
    expect(invited?.locale).toBe('de');
    invitedId = invited?.id ?? '';

    const room = await json<{ id: string }>(
      await fetchAs(adminApi, `/api/tenants/${tenantId}/rooms`, {
        method: 'POST',
        body: JSON.stringify({ name: ROOM, visibility: 'private' }),
      }),
      201,
    );
    const added = await fetchAs(adminApi, `/api/tenants/${tenantId}/rooms/${room.id}/members/${invitedId}`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'member' }),
    });
    expect(added.status, await added.text()).toBe(204);

    germanMail = await waitForMail(INVITED.email, { subject: INVITATION_SUBJECT });
    expect(germanMail.Subject).toMatch(/Konto/);
    expect(germanMail.Text).toMatch(/Passwort/);
    // Being added to the room is a notice of the workspace's own, in German too.
    const notice = await waitForMail(INVITED.email, { subject: /Raum/ });
    expect(notice.Subject).toBe(`Sie wurden dem Raum „${ROOM}“ hinzugefügt`);
    expect(notice.Text).toContain(`${baseUrl}/rooms/${room.id}`);
    // The people admin shows when it went out.
    await eventually(
      async () => json<PersonBody>(await fetchAs(adminApi, `/api/tenants/${tenantId}/people/${invitedId}`), 200),
      (person) => person.invitedAt !== null,
      60_000,
    );
    const row = admin.locator(`tr[data-person="${INVITED.username}"]`);
    await row.waitFor();
    await admin.reload();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Eingeladen:');
    expect(adminProblems).toEqual([]);
  });

  it('the person follows the link, chooses a password and finds the room on the workspace home', async () => {
    const { page, problems, close } = await germanDesktopPage();
    try {
      await acceptInvitation(page, invitationLink(germanMail), baseUrl, INVITED.username);
      // Back on the workspace: signed in already, or once more with the new password.
      const userMenu = page.getByRole('banner').getByRole('button', { name: /Benutzermenü/ });
      const signIn = page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true });
      await userMenu.or(signIn).first().waitFor({ timeout: 30_000 });
      if ((await userMenu.count()) === 0) await signInThroughTopBar(page, baseUrl, INVITED.username, PASSWORD);
      await userMenu.waitFor({ timeout: 30_000 });
      const rooms = page.getByRole('navigation', { name: 'Räume' });
      await expect.poll(() => rooms.textContent(), { timeout: 60_000 }).toContain(ROOM);
      // Their notices by e-mail are on, and theirs to turn off.
      const notices = page.getByRole('checkbox', { name: 'E-Mail erhalten, wenn ich einem Raum hinzugefügt werde' });
      await notices.waitFor({ timeout: 30_000 });
      expect(await notices.isChecked()).toBe(true);
      await expectNoSeriousA11yViolations(page, 'the invited person’s home page');
      await notices.click();
      await expect.poll(() => notices.isChecked(), { timeout: 15_000 }).toBe(false);
      const me = await json<{ mailNotices: boolean }>(
        await fetchAs(adminApi, `/api/tenants/${tenantId}/people/${invitedId}`),
        200,
      );
      expect(me.mailNotices).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an English invitation is written in English, and the admin can send it again', async () => {
    const created = await json<PersonBody>(
      await fetchAs(adminApi, `/api/tenants/${tenantId}/people`, {
        method: 'POST',
        body: JSON.stringify({ ...ENGLISH, role: 'member', locale: 'en' }),
      }),
      201,
    );
    expect(created.locale).toBe('en');
    const english = await waitForMail(ENGLISH.email, { subject: INVITATION_SUBJECT });
    expect(english.Subject).toMatch(/account/i);
    expect(english.Text).toMatch(/password/i);
    expect(english.Subject).not.toBe(germanMail.Subject);
    invitationLink(english);
    await eventually(
      async () => json<PersonBody>(await fetchAs(adminApi, `/api/tenants/${tenantId}/people/${created.id}`), 200),
      (person) => person.invitedAt !== null,
      60_000,
    );

    // Again, through the button in the people admin.
    await admin.goto(`${baseUrl}/admin/people`);
    // The tenant may have more people than the list's first page (other tests import hundreds).
    await admin.getByRole('searchbox', { name: /Suche nach Name/ }).fill(ENGLISH.username);
    await admin.getByRole('button', { name: 'Suchen' }).click();
    const row = admin.locator(`tr[data-person="${ENGLISH.username}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row
      .getByRole('button', { name: `Einladung erneut senden: ${ENGLISH.firstName} ${ENGLISH.lastName}` })
      .click();
    await expectToast(admin, `Die Einladung an ${ENGLISH.firstName} ${ENGLISH.lastName} wird versandt.`);
    const again = await waitForMail(ENGLISH.email, { count: 2, subject: INVITATION_SUBJECT });
    expect(again.Subject).toBe(english.Subject);
    expect(invitationLink(again)).not.toBe(invitationLink(english));

    const audit = await json<{ entries: { action: string; targetId: string | null }[] }>(
      await fetchAs(adminApi, `/api/tenants/${tenantId}/audit?action=person.invite`),
      200,
    );
    expect(audit.entries.some((entry) => entry.targetId === created.id)).toBe(true);
  });
});
