import { useTranslation } from 'react-i18next';
import { useQueryParam } from '../../lib/router/context';
import { Link } from '../../lib/router/Link';
import { paths } from '../../lib/router/paths';
import { hasAnyAdminArea } from '../../lib/session/adminAreas';
import { useSession } from '../../lib/session/context';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { PageHeading } from '../../lib/ui/PageHeading';
import { signInNotice } from './signInNotice';
import { MailNoticesSetting } from './MailNoticesSetting';
import { DataExports } from '../../lib/privacy/DataExports';
import './home.css';

/** The administration areas linked from the start page, in this order, each where the person may go. */
const ADMIN_LINKS = [
  { area: 'people', to: paths.people, label: 'home.adminPeople' },
  { area: 'audit', to: paths.audit, label: 'home.adminAudit' },
  { area: 'tenants', to: paths.tenants, label: 'home.adminTenants' },
  { area: 'policies', to: paths.policies, label: 'home.adminPolicies' },
] as const;

function SignedOut() {
  const { t } = useTranslation();
  const { signInHref } = useSession();
  return (
    <>
      <p className="page__intro">{t('home.signedOut.text')}</p>
      <p>
        <a className="button button--primary" href={signInHref(paths.home)}>
          {t('auth.signIn')}
        </a>
      </p>
    </>
  );
}

function SignedIn() {
  const { t } = useTranslation();
  const { status, access, api } = useSession();
  if (status.kind !== 'signed-in') return null;
  const { actor } = status;
  const role = actor.tenantRole ? t(`roles.${actor.tenantRole}`) : undefined;
  return (
    <>
      <p className="page__intro">{t('home.greeting', { name: actor.displayName || actor.username })}</p>
      {access.loading && <Busy message={t('home.loadingTenant')} />}
      {access.failure && <FailureAlert failure={access.failure} title={t('home.tenantFailed')} />}
      {!access.loading && (
        <dl className="facts home__facts">
          <div>
            <dt>{t('app.tenant')}</dt>
            <dd>{access.homeTenant?.name ?? t('home.noTenant')}</dd>
          </div>
          {role && (
            <div>
              <dt>{t('home.role')}</dt>
              <dd>{role}</dd>
            </div>
          )}
          {actor.platformAdmin && (
            <div>
              <dt>{t('home.platform')}</dt>
              <dd>{t('roles.platform-admin')}</dd>
            </div>
          )}
        </dl>
      )}
      {api && actor.tenantId && actor.userId && (
        <MailNoticesSetting api={api} tenantId={actor.tenantId} personId={actor.userId} />
      )}
      {api && actor.tenantId && actor.userId && (
        <section className="home__data" aria-labelledby="home-data-heading">
          <h2 id="home-data-heading">{t('privacy.export.myTitle')}</h2>
          <DataExports api={api} tenantId={actor.tenantId} personId={actor.userId} mine />
        </section>
      )}
      {hasAnyAdminArea(access.areas) && (
        <section className="home__admin" aria-labelledby="home-admin-heading">
          <h2 id="home-admin-heading">{t('nav.admin')}</h2>
          <ul className="link-list">
            {ADMIN_LINKS.filter((link) => access.areas[link.area]).map((link) => (
              <li key={link.area}>
                <Link to={link.to}>{t(link.label)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Start page: who is signed in and in which tenant, or how to sign in. */
export function HomeView() {
  const { t } = useTranslation();
  const { status } = useSession();
  const notice = signInNotice(useQueryParam('signin'));
  return (
    <section className="page home" aria-labelledby="home-heading">
      <PageHeading id="home-heading">{t('home.title')}</PageHeading>
      {notice && (
        <div className="alert alert--problem" role="alert">
          <p>{t(notice)}</p>
        </div>
      )}
      {status.kind === 'loading' && <Busy message={t('auth.checking')} />}
      {status.kind === 'error' && <FailureAlert failure={status.failure} title={t('auth.sessionFailed')} />}
      {status.kind === 'signed-out' && <SignedOut />}
      {status.kind === 'signed-in' && <SignedIn />}
      <p className="home__status">
        <Link to={paths.status}>{t('home.statusLink')}</Link>
      </p>
    </section>
  );
}
