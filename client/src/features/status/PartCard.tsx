import { useTranslation } from 'react-i18next';
import type { PartReport } from '../../lib/api/readiness';
import { StateIcon } from './icons';
import { partLabelKey } from './summary';

export function PartCard({ part }: { part: PartReport }) {
  const { t } = useTranslation();
  const labelKey = partLabelKey(part.name);
  const tone = part.status === 'up' ? 'ok' : 'problem';
  return (
    <li className={`part part--${part.status}`} data-part={part.name} data-state={part.status}>
      <h3 className="part__name">{labelKey ? t(labelKey) : part.name}</h3>
      <p className="part__state">
        <StateIcon tone={tone} />
        <span className="part__state-text">{t(`status.state.${part.status}`)}</span>
      </p>
      <dl className="part__facts">
        <div>
          <dt>{t('status.latency')}</dt>
          <dd>{t('status.latencyValue', { value: Math.round(part.latencyMs) })}</dd>
        </div>
        {part.status === 'down' && part.detail && (
          <div>
            <dt>{t('status.detail')}</dt>
            <dd className="part__detail">{part.detail}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
