import type { Page } from 'playwright-core';

/**
 * Collects uncaught script errors and Content-Security-Policy violations of a page.
 * Plain console errors are not collected: Chromium also logs every non-2xx response
 * there, and /readyz answers 503 while a part is down.
 */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  return problems;
}
