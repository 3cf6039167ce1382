import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, themeTokens } from './contrast';
import { isTheme, themeAttribute } from './theme';

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');
const tokens = themeTokens(css);

/** Every foreground on every background the stylesheets put it on, with the ratio WCAG 2.1 AA asks. */
const TEXT = 4.5;
const UI = 3;
const pairings: [foreground: string, background: string, minimum: number][] = [
  ['color-text', 'color-surface', TEXT],
  ['color-text', 'color-surface-muted', TEXT],
  ['color-text', 'color-hover', TEXT],
  ['color-text', 'color-selected', TEXT],
  ['color-text', 'color-problem-soft', TEXT],
  ['color-text', 'color-accent-soft', TEXT],
  ['color-text-muted', 'color-surface', TEXT],
  ['color-text-muted', 'color-surface-muted', TEXT],
  ['color-text-muted', 'color-problem-soft', TEXT],
  ['color-accent', 'color-surface', TEXT],
  ['color-accent', 'color-surface-muted', TEXT],
  ['color-accent', 'color-accent-soft', TEXT],
  ['color-accent-strong', 'color-selected', TEXT],
  ['color-accent-strong', 'color-surface', TEXT],
  ['color-on-accent', 'color-accent', TEXT],
  ['color-on-accent', 'color-accent-strong', TEXT],
  ['color-ok', 'color-surface', TEXT],
  ['color-ok', 'color-surface-muted', TEXT],
  ['color-problem', 'color-surface', TEXT],
  ['color-problem', 'color-problem-soft', TEXT],
  ['color-on-problem', 'color-problem', TEXT],
  ['color-on-problem', 'color-problem-strong', TEXT],
  ['color-pending', 'color-surface', TEXT],
  // Controls' edges and the focus ring (--focus-ring is drawn in the accent).
  ['color-control-border', 'color-surface', UI],
  ['color-accent', 'color-surface', UI],
  ['color-accent', 'color-surface-muted', UI],
  ['color-accent', 'color-selected', UI],
];

describe('the theme', () => {
  it('defines every token it pairs, in both halves', () => {
    const used = new Set(pairings.flatMap(([foreground, background]) => [foreground, background]));
    expect([...used].filter((name) => !tokens.has(name))).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`meets WCAG 2.1 AA contrast in ${scheme}`, () => {
      const short = pairings
        .map(([foreground, background, minimum]) => {
          const ratio = contrastRatio(tokens.get(foreground)?.[scheme] ?? '', tokens.get(background)?.[scheme] ?? '');
          return { pair: `${foreground} on ${background}`, ratio: Math.round(ratio * 100) / 100, minimum };
        })
        .filter(({ ratio, minimum }) => ratio < minimum);
      expect(short).toEqual([]);
    });
  }

  it('tells a too-light pair from a good one', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(TEXT);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(TEXT);
  });

  it('keeps the system choice off the page and names light and dark', () => {
    expect(themeAttribute('system')).toBeUndefined();
    expect(themeAttribute('dark')).toBe('dark');
    expect(isTheme('light')).toBe(true);
    expect(isTheme('sepia')).toBe(false);
    expect(isTheme(null)).toBe(false);
  });
});
