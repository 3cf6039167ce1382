import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until a toast says `text`. */
export async function expectToast(page: Page, text: string, timeout = 15_000): Promise<void> {
  const region = page.getByTestId('toasts');
  await expect.poll(async () => (await region.textContent()) ?? '', { timeout }).toContain(text);
}

/**
 * Closes the toasts still shown, so screenshots show the page underneath. A toast may close
 * by itself between finding and clicking it: then there is nothing left to close.
 */
export async function dismissToast(page: Page): Promise<void> {
  const close = page.getByTestId('toasts').getByRole('button');
  while ((await close.count()) > 0) {
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(async (error: unknown) => {
        if ((await close.count()) > 0) throw error;
      });
  }
}
