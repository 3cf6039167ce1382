import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAs, signInDemo, type SignedIn } from '../../server/test/support/signIn';
import { json } from '../../server/test/support/tenantsApi';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, type OnePage, workspaceUrl } from './support/browser';
import { demoPassword, signInThroughTopBar } from './support/signIn';
import { expectToast } from './support/toasts';

/**
 * Guests with a sponsor and an end date (ADR 0050), against the real stack: the demo tenant's
 * admin adds a tenant guest whom the member Bernd sponsors, ending in five days; the admin finds
 * them with the filter "access ends soon"; Bernd opens "Meine Gäste", sees the end date and
 * extends it by the date field, by keyboard.
 */

const SPONSOR = 'bernd.beispiel';
/** Unique per run, so reruns on the same stack never collide. */
const RUN = `gst${Date.now().toString(36)}`;
const GUEST = { firstName: 'Gerda', lastName: `Gast ${RUN}`, username: RUN, email: `${RUN}@demo.example` };
const GUEST_NAME = `${GUEST.firstName} ${GUEST.lastName}`;
const DAY = 24 * 60 * 60 * 1000;

interface GuestBody {
  id: string;
  guestTerm: { sponsorId: string; expiresAt: string; sponsorNotified: boolean } | null;
}

/** A calendar day (YYYY-MM-DD) in the browser's time zone, which is this machine's. */
const dayOf = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('guests with a sponsor and an end date', () => {
  let baseUrl: string;
  let admin: SignedIn;
  let tenantId: string;
  let guest: GuestBody;
  let sponsorId: string;
  let browser: OnePage;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    admin = await signInDemo('amelie.admin');
    tenantId = admin.actor.tenantId!;
    sponsorId = (await signInDemo(SPONSOR)).actor.userId!;
    guest = await json<GuestBody>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people`, {
        method: 'POST',
        body: JSON.stringify({
          ...GUEST,
          role: 'guest',
          sponsorId,
          expiresAt: new Date(Date.now() + 5 * DAY).toISOString(),
        }),
      }),
      201,
    );
    browser = await germanDesktopPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives a new guest the sponsor and end date the admin chose', () => {
    expect(guest.guestTerm).toMatchObject({ sponsorId, sponsorNotified: false });
    expect(Date.parse(guest.guestTerm!.expiresAt)).toBeGreaterThan(Date.now() + 4 * DAY);
  });

  it('lists the guest among those whose access ends soon, for the admin', async () => {
    const soon = await json<{ people: { id: string }[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people?guestsEndingWithinDays=14`),
      200,
    );
    expect(soon.people.map((p) => p.id)).toContain(guest.id);
    const later = await json<{ people: { id: string }[] }>(
      await fetchAs(admin, `/api/tenants/${tenantId}/people?guestsEndingWithinDays=3`),
      200,
    );
    expect(later.people.map((p) => p.id)).not.toContain(guest.id);
  });

  it('shows the sponsor their guest, and lets them extend the access by keyboard', async () => {
    const { page, problems } = browser;
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, SPONSOR, demoPassword());
    await page.getByRole('navigation', { name: 'Arbeitsbereich' }).getByRole('link', { name: 'Meine Gäste' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Gäste' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(GUEST_NAME) });
    await row.waitFor();
    await expect.poll(async () => row.textContent()).toMatch(/Zugang bis/);
    await expectNoSeriousA11yViolations(page, 'Meine Gäste');

    await row.getByRole('button', { name: `Zugang verlängern: ${GUEST_NAME}` }).focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel(`Neues Enddatum für ${GUEST_NAME}`);
    await field.waitFor();
    const newDay = dayOf(Date.now() + 60 * DAY);
    await field.fill(newDay);
    await expectNoSeriousA11yViolations(page, 'Meine Gäste: verlängern');
    await field.press('Enter');
    await expectToast(page, `Der Zugang von ${GUEST_NAME} gilt jetzt bis`);

    const after = await json<GuestBody>(await fetchAs(admin, `/api/tenants/${tenantId}/people/${guest.id}`), 200);
    expect(dayOf(Date.parse(after.guestTerm!.expiresAt))).toBe(newDay);
    expect(problems).toEqual([]);
  });
});
