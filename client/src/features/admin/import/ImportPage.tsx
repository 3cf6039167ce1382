import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { Link } from '../../../lib/router/Link';
import { withQuery } from '../../../lib/router/location';
import { paths } from '../../../lib/router/paths';
import { adminPage } from '../shared/AdminPage';
import { TenantScoped } from '../shared/TenantScoped';
import { Importer } from './Importer';

function ImportFor({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  return (
    <TenantScoped
      ability="person.import"
      pickerId="import-tenant"
      before={(tenant) => (
        <p className="toolbar">
          <Link to={withQuery(paths.people, { tenant: tenant.id })}>{t('admin.import.backToPeople')}</Link>
        </p>
      )}
    >
      {(tenant) => <Importer api={api} tenant={tenant} />}
    </TenantScoped>
  );
}

/** Personen importieren: a CSV file, checked in a dry run first, then confirmed. */
export default adminPage('import', ImportFor);
