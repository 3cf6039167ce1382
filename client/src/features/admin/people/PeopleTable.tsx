import { type Person, type Tenant } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { PersonRow } from './PersonRow';
import { shownRows } from './showMore';

interface Props {
  api: ApiClient;
  tenant: Tenant;
  people: Person[];
  filtered: boolean;
  busy: boolean;
  onChanged: (person: Person) => void;
  onChangeStatus: (person: Person) => void;
}

export function PeopleTable({ api, tenant, people, filtered, busy, onChanged, onChangeStatus }: Props) {
  const { t } = useTranslation();
  const [steps, setSteps] = useState(0);
  const shown = shownRows(people.length, steps);
  if (people.length === 0) {
    return <p className="empty-state">{filtered ? t('admin.people.noMatch') : t('admin.people.empty')}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table table--cards" aria-busy={busy} data-testid="people-table">
        <caption>{t('admin.people.caption', { count: people.length, tenant: tenant.name })}</caption>
        <thead className="visually-hidden-narrow">
          <tr>
            <th scope="col">{t('admin.people.person')}</th>
            <th scope="col">{t('admin.person.role')}</th>
            <th scope="col">{t('admin.people.statusAndSync')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.slice(0, shown).map((person) => (
            <PersonRow
              key={person.id}
              api={api}
              person={person}
              onChanged={onChanged}
              onChangeStatus={onChangeStatus}
            />
          ))}
        </tbody>
      </table>
      {shown < people.length && (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setSteps((value) => value + 1)}>
            {t('admin.people.showMore')}
          </button>
          <span className="muted" aria-live="polite">
            {t('admin.people.shown', { shown, count: people.length })}
          </span>
        </div>
      )}
    </div>
  );
}
