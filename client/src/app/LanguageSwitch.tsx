import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage } from '../lib/i18n/language';

/**
 * DE / EN as two toggle buttons. Each is named by its language in that language
 * ("Deutsch", "English") so screen readers announce it in a form the reader understands.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switch__option"
          lang={language}
          aria-pressed={language === current}
          onClick={() => void i18n.changeLanguage(language)}
        >
          <span aria-hidden="true">{t(`language.short.${language}`)}</span>
          <span className="visually-hidden">{t(`language.name.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}
