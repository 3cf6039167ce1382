import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describeViolation(violation: Violation): string {
  const nodes = violation.nodes
    .map((node) => `    - ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
    .join('\n');
  return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
}

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
const IMPACTS: Impact[] = ['minor', 'moderate', 'serious', 'critical'];

/** Runs axe against WCAG 2.1 A/AA, reports every violation, fails on those of `least` impact or worse. */
async function expectNoA11yViolationsFrom(page: Page, label: string, least: Impact): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const counted = IMPACTS.slice(IMPACTS.indexOf(least));
  const failing = results.violations.filter((violation) => counted.includes(violation.impact as Impact));
  if (results.violations.length > 0) {
    console.error(
      `axe found ${results.violations.length} violation(s) on ${label}:\n` +
        results.violations.map(describeViolation).join('\n'),
    );
  }
  expect(
    failing.map((violation) => violation.id),
    `${least} or worse axe violations on ${label}`,
  ).toEqual([]);
}

/** Runs axe against WCAG 2.1 A/AA and fails on any serious or critical violation. */
export function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  return expectNoA11yViolationsFrom(page, label, 'serious');
}

/** Runs axe against WCAG 2.1 A/AA and fails on any moderate, serious or critical violation. */
export function expectNoModerateA11yViolations(page: Page, label: string): Promise<void> {
  return expectNoA11yViolationsFrom(page, label, 'moderate');
}
