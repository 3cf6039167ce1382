import { type PeopleFilter, type PersonStatus, personStatuses } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../lib/ui/Field';

/** The guests the filter "access ends soon" shows: those whose access ends within two weeks. */
const ENDING_WITHIN_DAYS = 14;

/** Search by name, e-mail or sign-in name, by status, and guests whose access ends soon; applied with "Suchen". */
export function PeopleFilterForm({ onApply }: { onApply: (filter: PeopleFilter) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<PersonStatus | ''>('');
  const [endingOnly, setEndingOnly] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = search.trim();
    onApply({
      ...(trimmed ? { search: trimmed } : {}),
      ...(status ? { status } : {}),
      ...(endingOnly ? { guestsEndingWithinDays: ENDING_WITHIN_DAYS } : {}),
    });
  };

  return (
    <form className="filters" role="search" aria-label={t('admin.people.filterLabel')} onSubmit={submit}>
      <TextField
        id="people-search"
        name="search"
        type="search"
        label={t('admin.people.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <SelectField
        id="people-status"
        name="status"
        label={t('admin.status')}
        value={status}
        onChange={(event) => setStatus(event.target.value as PersonStatus | '')}
      >
        <option value="">{t('admin.people.statusAll')}</option>
        {personStatuses.map((value) => (
          <option key={value} value={value}>
            {t(`admin.people.status.${value}`)}
          </option>
        ))}
      </SelectField>
      <div className="field field--check">
        <input
          id="people-ending"
          name="endingOnly"
          type="checkbox"
          checked={endingOnly}
          onChange={(event) => setEndingOnly(event.target.checked)}
        />
        <label htmlFor="people-ending">{t('admin.people.endingOnly')}</label>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('admin.people.searchButton')}
        </button>
      </div>
    </form>
  );
}
