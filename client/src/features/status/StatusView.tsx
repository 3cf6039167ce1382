import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../lib/ui/PageHeading';
import { RefreshIcon } from './icons';
import { PartCard } from './PartCard';
import { StatusSummary } from './StatusSummary';
import { summarise } from './summary';
import { useReadiness } from './useReadiness';
import './status.css';

/** "Systemstatus": whether the parts the workspace depends on answer, from GET /readyz. */
export function StatusView() {
  const { t } = useTranslation();
  const state = useReadiness();

  const ok = state.result?.kind === 'ok' ? state.result : undefined;
  return (
    <section className="status" aria-labelledby="status-heading">
      <div className="status__header">
        <div>
          <PageHeading id="status-heading">{t('status.title')}</PageHeading>
          <p className="status__intro">{t('status.intro')}</p>
        </div>
        <button type="button" className="button" onClick={state.refresh}>
          <RefreshIcon />
          {t('status.refresh')}
        </button>
      </div>
      <StatusSummary summary={summarise(state)} checkedAt={ok?.checkedAt} />
      {ok && ok.readiness.parts.length > 0 && (
        <>
          <h2 id="parts-heading" className="status__parts-heading">
            {t('status.listLabel')}
          </h2>
          <ul className="parts" aria-labelledby="parts-heading" aria-busy={state.loading}>
            {ok.readiness.parts.map((part) => (
              <PartCard key={part.name} part={part} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
