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
      <SelectField
        id="audit-action"
        name="action"
        label={t('admin.audit.action')}
        value={values.action}
        onChange={set('action')}
      >
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
      <SelectField
        id="audit-outcome"
        name="outcome"
        label={t('admin.audit.outcome')}
        value={values.outcome}
        onChange={set('outcome')}
      >
        <option value="">{t('admin.audit.allOutcomes')}</option>
        {auditOutcomes.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`admin.audit.outcomes.${outcome}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="audit-from"
        name="from"
        type="date"
        label={t('admin.audit.from')}
        value={values.from}
        onChange={set('from')}
      />
      <TextField
        id="audit-to"
        name="to"
        type="date"
        label={t('admin.audit.to')}
        value={values.to}
        onChange={set('to')}
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
