import type { Tenant } from '@arbeitsbereich/contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { useLoad } from '../../../lib/api/useLoad';
import { formatDateTime } from '../../../lib/i18n/format';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { downloadErasureReport } from './erasureReportFile';

/** "Löschberichte": the tenant's erasures, each with its report to download once done (ADR 0053). */
export function ErasureReports({ api, tenant, round }: { api: ApiClient; tenant: Tenant; round: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'de';
  const load = useCallback((signal: AbortSignal) => api.privacy.listErasures(tenant.id, signal), [api, tenant.id]);
  const erasures = useLoad(`${tenant.id}|${round}`, load);
  if (erasures.failure) return <FailureAlert failure={erasures.failure} title={t('privacy.reports.loadFailed')} />;
  if (!erasures.data || erasures.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="erasure-reports-heading">
      <h2 id="erasure-reports-heading">{t('privacy.reports.title')}</h2>
      <ul className="link-list">
        {erasures.data.map((erasure) => (
          <li key={erasure.id}>
            {t('privacy.reports.line', {
              pseudonym: erasure.pseudonym,
              date: formatDateTime(erasure.createdAt, lang),
              by: erasure.requestedByName,
            })}{' '}
            {erasure.report ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => erasure.report && downloadErasureReport(erasure.report)}
                aria-label={t('privacy.reports.downloadNamed', { pseudonym: erasure.pseudonym })}
              >
                {t('privacy.erase.download')}
              </button>
            ) : (
              <span className="muted">{t('privacy.reports.running')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
