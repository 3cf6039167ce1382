import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router/Link';
import { paths } from '../lib/router/paths';
import { useSession } from '../lib/session/context';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

export function TopBar() {
  const { t } = useTranslation();
  const { status, access, signInHref } = useSession();
  const tenantName = access.homeTenant?.name;
  return (
    <header className="top-bar">
      <div className="top-bar__identity">
        <Link to={paths.home} className="top-bar__product">
          <svg className="top-bar__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M8 23 16 8l8 15h-4.2L16 15.6 12.2 23z" fill="#fff" />
          </svg>
          <span>{t('app.name')}</span>
        </Link>
        {tenantName && (
          <p className="top-bar__tenant">
            <span className="visually-hidden">{t('app.tenant')}: </span>
            {tenantName}
          </p>
        )}
      </div>
      <div className="top-bar__actions">
        <LanguageSwitch />
        {status.kind === 'signed-in' && <UserMenu actor={status.actor} />}
        {(status.kind === 'signed-out' || status.kind === 'error') && (
          <a className="button button--primary" href={signInHref()}>
            {t('auth.signIn')}
          </a>
        )}
      </div>
    </header>
  );
}
