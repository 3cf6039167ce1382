/**
 * Draws the app's icons (client/public/icons/*.png) from its SVG marks with the Chromium the
 * browser tests use: `node client/build/icons.ts`. Run again after changing icon.svg or
 * icon-maskable.svg; the PNGs are committed, the build copies them as they are.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** Each PNG the manifest and index.html name, with the mark it is drawn from. */
export const ICONS = [
  { file: 'icon-180.png', size: 180, svg: 'icon-maskable.svg' },
  { file: 'icon-192.png', size: 192, svg: 'icon.svg' },
  { file: 'icon-512.png', size: 512, svg: 'icon.svg' },
  { file: 'icon-maskable-512.png', size: 512, svg: 'icon-maskable.svg' },
] as const;

async function main(): Promise<void> {
  await mkdir(`${publicDir}icons`, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (const icon of ICONS) {
      const svg = await readFile(`${publicDir}${icon.svg}`, 'utf8');
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const sized = svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      await page.screenshot({ path: `${publicDir}icons/${icon.file}`, omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
