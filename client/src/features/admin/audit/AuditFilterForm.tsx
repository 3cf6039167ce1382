import { auditOutcomes } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../lib/ui/Field';
import { AUDIT_ACTIONS, type AuditFilterValues, NO_FILTER, rangeIsReversed } from './auditFilters';
import { actionPhrase } from './auditText';

/** Action, outcome and a date range; applied with "Filtern". */
export function AuditFilterForm({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilterValues>(NO_FILTER);
  const [reversed, setReversed] = useState(false);
  const set = (field: keyof AuditFilterValues) => (event: { target: { value: string } }) => {
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
    setReversed(false);
  };
  const field = (name: keyof AuditFilterValues) => ({
    id: `audit-${name}`,
    name,
    value: values[name],
    onChange: set(name),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rangeIsReversed(values)) {
      setReversed(true);
      document.getElementById('audit-to')?.focus();
      return;
    }
    onApply({ ...values });
  };

  return (
    <form className="filters" aria-label={t('admin.audit.filterLabel')} onSubmit={submit}>
      <SelectField {...field('action')} label={t('admin.audit.action')}>
        <option value="">{t('admin.audit.allActions')}</option>
        {AUDIT_ACTIONS.map((action) => {
          const phrase = actionPhrase(action);
          return (
            <option key={action} value={action}>
              {t(phrase.key, phrase.values)}
            </option>
          );
        })}
      </SelectField>
      <SelectField {...field('outcome')} label={t('admin.audit.outcome')}>
        <option value="">{t('admin.audit.allOutcomes')}</option>
        {auditOutcomes.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`admin.audit.outcomes.${outcome}`)}
          </option>
        ))}
      </SelectField>
      <TextField {...field('from')} type="date" label={t('admin.audit.from')} />
      <TextField
        {...field('to')}
        type="date"
        label={t('admin.audit.to')}
        error={reversed ? t('admin.audit.reversed') : undefined}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('admin.audit.apply')}
        </button>
      </div>
    </form>
  );
}
