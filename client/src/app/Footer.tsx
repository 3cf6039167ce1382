import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router/Link';
import { useRouter } from '../lib/router/context';
import { paths } from '../lib/router/paths';
import { useLegalLinks } from './useLegalLinks';

/**
 * The foot of every screen, signed in or not, guests included: the accessibility statement, and
 * the installation's legal notice and privacy policy when the operator has named them.
 */
export function Footer({ inert }: { inert?: boolean }) {
  const { t } = useTranslation();
  const { location } = useRouter();
  const { imprintUrl, privacyPolicyUrl } = useLegalLinks();
  return (
    <footer className="shell__footer" inert={inert}>
      <nav aria-label={t('legal.navigation')}>
        <ul className="footer-links">
          <li>
            <Link
              to={paths.accessibility}
              aria-current={location.pathname === paths.accessibility ? 'page' : undefined}
            >
              {t('legal.accessibility')}
            </Link>
          </li>
          {imprintUrl && (
            <li>
              <a href={imprintUrl}>{t('legal.imprint')}</a>
            </li>
          )}
          {privacyPolicyUrl && (
            <li>
              <a href={privacyPolicyUrl}>{t('legal.privacyPolicy')}</a>
            </li>
          )}
        </ul>
      </nav>
    </footer>
  );
}
