import type { ErasureDocumentsRule, Tenant } from '@arbeitsbereich/contract';
import { can } from '@arbeitsbereich/contract';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { useLoad } from '../../../lib/api/useLoad';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { FailureAlert } from '../../../lib/ui/FailureAlert';

const RULES: ErasureDocumentsRule[] = ['handover', 'delete'];

/** "Dokumente gelöschter Personen": hand over to the room's owners, or delete (ADR 0053). */
export function ErasureRuleSetting({
  api,
  tenant,
  abilities,
}: {
  api: ApiClient;
  tenant: Tenant;
  abilities: Record<string, boolean>;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const load = useCallback((signal: AbortSignal) => api.privacy.getErasureRule(tenant.id, signal), [api, tenant.id]);
  const rule = useLoad(tenant.id, load);
  const [failure, setFailure] = useState<ApiFailure>();
  const editable = can(abilities, 'tenant.updatePolicy');
  const choose = (next: ErasureDocumentsRule) => {
    setFailure(undefined);
    api.privacy.setErasureRule(tenant.id, next).then(
      (saved) => {
        rule.update(() => saved);
        announce(t('privacy.rule.saved'));
      },
      (caught: unknown) => setFailure(toApiFailure(caught)),
    );
  };
  if (!rule.data) return null;
  return (
    <fieldset className="panel policy-form__settings" disabled={!editable} aria-describedby="erasure-rule-hint">
      <legend className="policy-form__legend">{t('privacy.rule.title')}</legend>
      <p id="erasure-rule-hint" className="field__hint">
        {t('privacy.rule.hint')}
      </p>
      {RULES.map((value) => (
        <div key={value} className="policy-form__setting">
          <input
            id={`erasure-rule-${value}`}
            type="radio"
            name="erasure-rule"
            value={value}
            checked={rule.data === value}
            onChange={() => choose(value)}
          />
          <label htmlFor={`erasure-rule-${value}`}>{t(`privacy.rule.${value}`)}</label>
        </div>
      ))}
      {failure && <FailureAlert failure={failure} title={t('privacy.rule.failed')} />}
    </fieldset>
  );
}
