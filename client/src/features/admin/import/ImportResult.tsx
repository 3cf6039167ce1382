import { type ImportReport, type Tenant } from '@arbeitsbereich/contract';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../lib/router/Link';
import { withQuery } from '../../../lib/router/location';
import { paths } from '../../../lib/router/paths';

interface Props {
  report: ImportReport;
  tenant: Tenant;
  onAgain: () => void;
}

/** Step 3: what the confirmed import did. */
export const ImportResult = forwardRef<HTMLElement, Props>(function ImportResult({ report, tenant, onAgain }, ref) {
  const { t } = useTranslation();
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="panel panel--ok"
      aria-labelledby="import-result-heading"
      data-testid="import-result"
    >
      <h2 id="import-result-heading">{t('admin.import.step3')}</h2>
      <p className="import-result__summary">
        {t('admin.import.created', { count: report.created.length })}{' '}
        {report.problems.length > 0 && t('admin.import.skipped', { count: report.problems.length })}
      </p>
      <p className="muted">{t('admin.import.syncNote')}</p>
      <div className="form__actions">
        <Link className="button button--primary" to={withQuery(paths.people, { tenant: tenant.id })}>
          {t('admin.import.showPeople')}
        </Link>
        <button type="button" className="button" onClick={onAgain}>
          {t('admin.import.again')}
        </button>
      </div>
    </section>
  );
});
