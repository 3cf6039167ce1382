import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, readStoredLanguage, storeLanguage } from './language';

function applyLanguage(language: string): void {
  if (!isLanguage(language)) return;
  document.documentElement.lang = language;
  storeLanguage(language);
}

/**
 * Starts i18next with the bundled catalogues. The catalogues ship with the client,
 * so initialisation is synchronous and the first render is already translated.
 */
export function setupI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = instance.resolvedLanguage ?? DEFAULT_LANGUAGE;
  instance.on('languageChanged', applyLanguage);
  return instance;
}
