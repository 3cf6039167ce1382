import { type Browser, type BrowserContext, type LaunchOptions, type Page, chromium } from 'playwright-core';
import { watchPageProblems } from './pageProblems';

/** Debian's Chromium; browser tests never download a browser of their own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

/** Base URL of the running workspace, without a trailing slash. */
export function workspaceUrl(): string {
  const value = process.env.WORKSPACE_URL;
  if (value === undefined || value.trim() === '') {
    throw new Error(
      'WORKSPACE_URL is not set: browser tests need a running workspace, e.g. ' +
        'WORKSPACE_URL=http://localhost:3000 npx vitest run --project browser (or `npm test`).',
    );
  }
  return value.trim().replace(/\/+$/, '');
}

/** A browser with one page as the German desktop user of most tests sees it; `close` ends both. */
export async function germanDesktopPage(): Promise<{
  page: Page;
  context: BrowserContext;
  problems: string[];
  close: () => Promise<void>;
}> {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    reducedMotion: 'reduce',
    locale: 'de-DE',
  });
  const page = await context.newPage();
  return {
    page,
    context,
    problems: watchPageProblems(page),
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
