import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { Link } from '../../../lib/router/Link';
import { withQuery } from '../../../lib/router/location';
import { paths } from '../../../lib/router/paths';
import { Busy } from '../../../lib/ui/Busy';
import { AdminPage } from '../shared/AdminPage';
import { TenantPicker } from '../shared/TenantPicker';
import { useTenantChoice } from '../shared/useTenantChoice';
import { Importer } from './Importer';

function ImportFor({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const choice = useTenantChoice('person.import');
  if (choice.loading && !choice.tenant) return <Busy message={t('admin.loadingTenants')} />;
  if (!choice.tenant) return <p className="empty-state">{t('admin.noTenantAllowed')}</p>;
  return (
    <>
      <p className="toolbar">
        <Link to={withQuery(paths.people, { tenant: choice.tenant.id })}>{t('admin.import.backToPeople')}</Link>
      </p>
      {choice.tenants.length > 1 && (
        <TenantPicker id="import-tenant" tenants={choice.tenants} value={choice.tenant.id} onChange={choice.choose} />
      )}
      <Importer key={choice.tenant.id} api={api} tenant={choice.tenant} />
    </>
  );
}

/** Personen importieren: a CSV file, checked in a dry run first, then confirmed. */
export default function ImportPage() {
  const { t } = useTranslation();
  return (
    <AdminPage id="import-heading" title={t('admin.import.title')} intro={t('admin.import.intro')}>
      {(api) => <ImportFor api={api} />}
    </AdminPage>
  );
}
