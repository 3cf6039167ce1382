/** The colour scheme a person may choose: the system's, or always light, or always dark. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'arbeitsbereich.theme';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** The choice made earlier in this browser; the system's when there is none or storage is unavailable. */
export function readStoredTheme(): Theme {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isTheme(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(theme: Theme): void {
  try {
    if (theme === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
}

/** The value of <html data-theme>: none follows the system (theme.css), light or dark overrides it. */
export function themeAttribute(theme: Theme): string | undefined {
  return theme === 'system' ? undefined : theme;
}

export function applyTheme(theme: Theme): void {
  const value = themeAttribute(theme);
  if (value === undefined) delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = value;
}
