/**
 * Bytes of the signed-out page's first load, as headless Chromium receives them with an empty
 * cache: on the wire (compressed, if it was) and after decoding, with the largest responses and
 * whether any of them is the chat SDK. WORKSPACE_URL names the running workspace.
 *
 *   node --conditions=@arbeitsbereich/source --import tsx client/bench/firstLoad.ts [path]
 */
import { launchBrowser, workspaceUrl } from '../e2e/support/browser';
import { isChatSdk, loadCollecting, totals } from '../e2e/support/firstLoad';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const say = (line: string) => process.stdout.write(`${line}\n`);

const path = process.argv[2] ?? '/';
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'de-DE' });
  const entries = await loadCollecting(context, `${workspaceUrl()}${path}`);
  const { transferred, decoded } = totals(entries);
  say(`${path}: ${entries.length} responses, ${kib(transferred)} transferred, ${kib(decoded)} decoded`);
  say(`chat SDK responses: ${entries.filter(isChatSdk).length}`);
  for (const entry of [...entries].sort((a, b) => b.transferred - a.transferred).slice(0, 8)) {
    const name = new URL(entry.url).pathname;
    say(`  ${kib(entry.transferred).padStart(10)}  ${(entry.encoding ?? 'plain').padEnd(5)}  ${name}`);
  }
} finally {
  await browser.close();
}
