import { type Person, type Tenant } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { PersonRow } from './PersonRow';
import { shownRows } from './showMore';
import { Table } from '../../../lib/ui/Table';

interface Props {
  api: ApiClient;
  tenant: Tenant;
  people: Person[];
  filtered: boolean;
  busy: boolean;
  onChanged: (person: Person) => void;
  onChangeStatus: (person: Person) => void;
  onPersonalData: (person: Person, action: 'export' | 'erase') => void;
}

export function PeopleTable({ api, tenant, people, filtered, busy, onChanged, onChangeStatus, onPersonalData }: Props) {
  const { t } = useTranslation();
  const [steps, setSteps] = useState(0);
  const shown = shownRows(people.length, steps);
  if (people.length === 0) {
    return <p className="empty-state">{filtered ? t('admin.people.noMatch') : t('admin.people.empty')}</p>;
  }
  return (
    <>
      <Table
        caption={t('admin.people.caption', { count: people.length, tenant: tenant.name })}
        columns={[
          t('admin.people.person'),
          t('admin.person.role'),
          t('admin.people.statusAndSync'),
          t('admin.actions'),
        ]}
        cards
        busy={busy}
        testId="people-table"
      >
        {people.slice(0, shown).map((person) => (
          <PersonRow
            key={person.id}
            api={api}
            person={person}
            onChanged={onChanged}
            onChangeStatus={onChangeStatus}
            onPersonalData={onPersonalData}
          />
        ))}
      </Table>
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
    </>
  );
}
