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

/** A German desktop browser window on a page of its own, with the page's problems recorded. */
export interface OpenedPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Script errors and blocked resources (see watchPageProblems). */
  problems: string[];
  close: () => Promise<void>;
}

export async function openPage(): Promise<OpenedPage> {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    reducedMotion: 'reduce',
    locale: 'de-DE',
  });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    problems: watchPageProblems(page),
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
