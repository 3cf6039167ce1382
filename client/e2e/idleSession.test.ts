import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, waitUntilListening, type BackendRun } from '../../server/test/support/backendProcess';
import { expectNoSeriousA11yViolations } from './support/axe';
import { germanDesktopPage, workspaceUrl } from './support/browser';
import { saveScreenshot } from './support/screenshots';
import { demoPassword, signInThroughTopBar } from './support/signIn';

/**
 * A session ends after its idle time even while the tab stays open with its sockets: only
 * the person's own activity renews it. A second backend on the stack's database with an
 * idle time of one minute (the shortest the configuration allows) serves the page; the
 * person signs in on the stack and then opens the workspace there.
 */

interface SessionBody {
  authenticated: boolean;
  idleMinutes?: number;
}

describe('a session left idle in an open tab', () => {
  let opened: Awaited<ReturnType<typeof germanDesktopPage>>;
  let backend: BackendRun;

  beforeAll(async () => {
    backend = await startBackend({ DATABASE_URL: process.env.DATABASE_URL, SESSION_IDLE_MINUTES: '1' });
    await waitUntilListening(backend);
    opened = await germanDesktopPage();
  });

  afterAll(async () => {
    await opened?.close();
    await backend?.stop();
  });

  it('warns before it ends, stays on request, and then ends although the sockets stay open', async () => {
    const { page, context, problems } = opened;
    const baseUrl = workspaceUrl();
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, 'bernd.beispiel', demoPassword());
    // Same host as the stack's backend, so the browser sends its session cookie.
    const shortIdle = backend.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${shortIdle}/`);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Benutzermenü/ })
      .waitFor({ timeout: 30_000 });
    const session = async () => (await (await context.request.get(`${shortIdle}/api/session`)).json()) as SessionBody;
    expect(await session()).toMatchObject({ authenticated: true, idleMinutes: 1 });

    // Nobody touches the page: half-way through the idle minute, the warning.
    const warning = page.getByRole('dialog', { name: 'Sitzung läuft ab' });
    await warning.waitFor({ timeout: 60_000 });
    expect(await warning.textContent()).toMatch(/endet Ihre Sitzung um \d{2}:\d{2} Uhr/);
    // The safe choice has the focus: Enter keeps the session.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Angemeldet bleiben');
    await expectNoSeriousA11yViolations(page, 'the idle warning');
    await saveScreenshot(page, 'session-idle-warning-de');
    await warning.getByRole('button', { name: 'Angemeldet bleiben' }).click();
    await warning.waitFor({ state: 'hidden', timeout: 15_000 });

    // Again nobody: the sockets' re-checks (every 15 s) do not keep the session alive.
    const ended = page.getByTestId('idle-ended');
    await ended.waitFor({ timeout: 90_000 });
    expect(await ended.textContent()).toContain('Sie wurden abgemeldet, weil Sie eine Minute lang nicht aktiv waren.');
    expect((await session()).authenticated).toBe(false);
    await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'the page after the idle sign-out');
    expect(problems).toEqual([]);
    // Half a minute to the warning and a whole one to the end, after signing in.
  }, 240_000);
});
