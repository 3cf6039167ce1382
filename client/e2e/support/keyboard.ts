import type { Locator, Page } from 'playwright-core';

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails after `maxTabs`. */
export async function tabTo(page: Page, target: Locator, maxTabs = 25): Promise<void> {
  for (let presses = 0; presses < maxTabs; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  if (await isFocused(target)) return;
  throw new Error(`Could not reach ${target.toString()} with ${maxTabs} presses of Tab.`);
}
