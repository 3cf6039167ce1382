import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme, applyTheme, readStoredTheme, storeTheme } from '../lib/ui/theme';

/** Light, dark or as the system: three radio buttons in the user menu, remembered in this browser. */
export function ThemeChoice() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(readStoredTheme);
  const choose = (next: Theme) => {
    setTheme(next);
    storeTheme(next);
    applyTheme(next);
  };
  return (
    <fieldset className="theme-choice">
      <legend className="theme-choice__legend">{t('theme.label')}</legend>
      {THEMES.map((option) => (
        <label key={option} className="theme-choice__option">
          <input type="radio" name="theme" value={option} checked={theme === option} onChange={() => choose(option)} />
          {t(`theme.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}
