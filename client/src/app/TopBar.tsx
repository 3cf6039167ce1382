import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router/Link';
import { paths } from '../lib/router/paths';
import { useSession } from '../lib/session/context';
import { LanguageSwitch } from './LanguageSwitch';
import type { Drawer } from './useDrawer';
import { UserMenu } from './UserMenu';

/** The menu button of a narrow screen: opens the navigation drawer (hidden on a wide screen). */
function MenuButton({ drawer }: { drawer: Drawer }) {
  const { t } = useTranslation();
  return (
    <button
      ref={drawer.buttonRef}
      type="button"
      className="button top-bar__menu"
      aria-expanded={drawer.open}
      aria-controls={drawer.id}
      onClick={drawer.toggle}
    >
      <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span className="top-bar__menu-label">{t('nav.menu')}</span>
    </button>
  );
}

/** Across the top: the menu button (narrow screens), the product, the tenant, language and the person. */
export function TopBar({ drawer }: { drawer?: Drawer }) {
  const { t } = useTranslation();
  const { status, access, signInHref } = useSession();
  const tenantName = access.homeTenant?.name;
  return (
    <header className="top-bar" inert={drawer?.open === true ? true : undefined}>
      <div className="top-bar__identity">
        {drawer && <MenuButton drawer={drawer} />}
        <Link to={paths.home} className="top-bar__product">
          <svg className="top-bar__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M8 23 16 8l8 15h-4.2L16 15.6 12.2 23z" fill="#fff" />
          </svg>
          <span className="visually-hidden-narrow">{t('app.name')}</span>
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
