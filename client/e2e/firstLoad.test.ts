import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, workspaceUrl } from './support/browser';
import { type Received, collectResponses, isChatSdk, loadCollecting, totals } from './support/firstLoad';
import { demoPassword, signInThroughTopBar } from './support/signIn';

/** A member of the demo tenant: signed in, the chat loads. */
const MEMBER = 'bernd.beispiel';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function chatSdkUrls(entries: readonly Received[]): string[] {
  return entries.filter(isChatSdk).map((entry) => entry.url);
}

/**
 * What the first load of the workspace costs a visitor who is not signed in: no chat SDK and no
 * crypto WebAssembly (they load only for people signed in to a tenant), and every file of the
 * build compressed, with Vary, hashed ones cached for a year and index.html not at all.
 */
describe('first load', () => {
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    baseUrl = workspaceUrl();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function freshLoad(path: string): Promise<Received[]> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    return loadCollecting(context, `${baseUrl}${path}`);
  }

  it('fetches neither the chat SDK nor its WebAssembly for the signed-out page', async () => {
    const entries = await freshLoad('/');
    expect(entries.some((entry) => entry.url.includes('/assets/') && entry.url.endsWith('.js'))).toBe(true);
    expect(chatSdkUrls(entries)).toEqual([]);
    const { transferred, decoded } = totals(entries);
    console.info(
      `signed-out page: ${entries.length} responses, ${kib(transferred)} transferred, ${kib(decoded)} decoded`,
    );
  });

  it('sends the built files compressed, varying by Accept-Encoding, and never caches index.html', async () => {
    const entries = await freshLoad('/');
    const page = entries.find((entry) => entry.url === `${baseUrl}/`);
    expect(page?.cacheControl).toBe('no-cache');
    const assets = entries.filter((entry) => /\/assets\/.+\.(?:js|css)$/.test(entry.url) && entry.body.length >= 1024);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of [page, ...assets]) {
      expect(asset?.encoding, asset?.url).toMatch(/^(?:br|gzip)$/);
      expect(asset?.vary ?? '', asset?.url).toMatch(/accept-encoding/i);
      expect(asset?.transferred ?? Infinity, asset?.url).toBeLessThan((asset?.body.length ?? 0) / 2);
    }
    for (const asset of assets) expect(asset.cacheControl, asset.url).toBe('public, max-age=31536000, immutable');
  });

  it('fetches no chat SDK for a meeting guest’s link either', async () => {
    const entries = await freshLoad(`/guest/${'x'.repeat(43)}`);
    expect(chatSdkUrls(entries)).toEqual([]);
  });

  it('loads the chat SDK once a member of a tenant has signed in (so the check above can fail)', async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const page = await context.newPage();
    const responses = collectResponses(page);
    await page.goto(`${baseUrl}/`);
    await signInThroughTopBar(page, baseUrl, MEMBER, demoPassword());
    await expect.poll(async () => chatSdkUrls(await responses()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
