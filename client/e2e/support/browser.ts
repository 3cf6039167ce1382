import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Page,
  chromium,
} from 'playwright-core';
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

export interface OnePage {
  page: Page;
  context: BrowserContext;
  problems: string[];
  close: () => Promise<void>;
}

/** A browser with one German page of the given size and kind; `close` ends both. */
async function germanPage(options: BrowserContextOptions): Promise<OnePage> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ reducedMotion: 'reduce', locale: 'de-DE', ...options });
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

/** A browser with one page as the German desktop user of most tests sees it; `close` ends both. */
export function germanDesktopPage(): Promise<OnePage> {
  return germanPage({ viewport: { width: 1360, height: 900 } });
}

/** The width of the phone the phone tests use (an iPhone 12 to 15's CSS pixels). */
export const PHONE_WIDTH = 390;

/** A German page on a touch phone of 390 × 844 CSS pixels, in the light scheme unless told. */
export function germanPhonePage(colorScheme: 'light' | 'dark' = 'light'): Promise<OnePage> {
  return germanPage({ viewport: { width: PHONE_WIDTH, height: 844 }, isMobile: true, hasTouch: true, colorScheme });
}
