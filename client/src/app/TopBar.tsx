import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <p className="top-bar__product">
        <svg className="top-bar__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="6" fill="currentColor" />
          <path d="M8 23 16 8l8 15h-4.2L16 15.6 12.2 23z" fill="#fff" />
        </svg>
        <span>{t('app.name')}</span>
      </p>
      <div className="top-bar__actions">
        <LanguageSwitch />
        <a className="button button--primary" href="/auth/login">
          {t('auth.signIn')}
        </a>
      </div>
    </header>
  );
}
