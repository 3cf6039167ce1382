import { can, type PeopleFilter, type Person, type Tenant } from '@arbeitsbereich/contract';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { Link } from '../../../lib/router/Link';
import { withQuery } from '../../../lib/router/location';
import { paths } from '../../../lib/router/paths';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { adminPage } from '../shared/AdminPage';
import { TenantScoped } from '../shared/TenantScoped';
import { useLoad } from '../../../lib/api/useLoad';
import { usePollWhilePending } from '../shared/usePollWhilePending';
import { CreatePersonForm } from './CreatePersonForm';
import { PeopleFilterForm } from './PeopleFilterForm';
import { PeopleTable } from './PeopleTable';
import { PersonStatusDialog } from './PersonStatusDialog';
import { EraseDialog } from './EraseDialog';
import { ExportDialog } from './ExportDialog';
import { ErasureReports } from './ErasureReports';
import { personName } from './personName';

function PeopleOf({ api, tenant }: { api: ApiClient; tenant: Tenant }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [filter, setFilter] = useState<PeopleFilter>({});
  const [changing, setChanging] = useState<Person | null>(null);
  const [personal, setPersonal] = useState<{ person: Person; action: 'export' | 'erase' } | null>(null);
  const [erasures, setErasures] = useState(0);
  const load = useCallback(
    (signal: AbortSignal) => api.listPeople(tenant.id, filter, signal),
    [api, tenant.id, filter],
  );
  const filterKey = `${filter.search ?? ''}|${filter.status ?? ''}|${filter.guestsEndingWithinDays ?? ''}`;
  const people = useLoad(`${tenant.id}|${filterKey}`, load);
  usePollWhilePending(people.data?.people.some((person) => person.sync.state === 'pending') ?? false, people.reload);

  const replace = (person: Person) =>
    people.update((data) => ({ ...data, people: data.people.map((item) => (item.id === person.id ? person : item)) }));
  const created = (person: Person) => {
    people.reload();
    announce(t('admin.people.created', { name: personName(person) }));
  };
  const statusChanged = (person: Person) => {
    replace(person);
    setChanging(null);
    announce(
      t(person.status === 'active' ? 'admin.people.reactivated' : 'admin.people.deactivated', {
        name: personName(person),
      }),
    );
  };
  const abilities = people.data?.abilities;

  return (
    <>
      {can(abilities, 'person.import') && (
        <p className="toolbar">
          <Link className="button" to={withQuery(paths.peopleImport, { tenant: tenant.id })}>
            {t('admin.people.importLink')}
          </Link>
        </p>
      )}
      {can(abilities, 'person.create') && <CreatePersonForm api={api} tenant={tenant} onCreated={created} />}
      <section className="panel" aria-labelledby="people-list-heading">
        <h2 id="people-list-heading">{t('admin.people.listTitle')}</h2>
        <PeopleFilterForm onApply={setFilter} />
        {people.failure && <FailureAlert failure={people.failure} title={t('admin.people.loadFailed')} />}
        {!people.data && people.loading && <Busy message={t('admin.people.loading')} />}
        {people.data && (
          <PeopleTable
            key={filterKey}
            api={api}
            tenant={tenant}
            people={people.data.people}
            filtered={Boolean(filter.search) || Boolean(filter.status) || Boolean(filter.guestsEndingWithinDays)}
            busy={people.loading}
            onChanged={replace}
            onChangeStatus={setChanging}
            onPersonalData={(person, action) => setPersonal({ person, action })}
          />
        )}
      </section>
      {can(abilities, 'erasure.read') && <ErasureReports api={api} tenant={tenant} round={erasures} />}
      <PersonStatusDialog api={api} person={changing} onDone={statusChanged} onCancel={() => setChanging(null)} />
      <ExportDialog
        api={api}
        person={personal?.action === 'export' ? personal.person : null}
        onClose={() => setPersonal(null)}
      />
      <EraseDialog
        api={api}
        person={personal?.action === 'erase' ? personal.person : null}
        onClose={(erased) => {
          setPersonal(null);
          if (!erased) return;
          people.reload();
          setErasures((value) => value + 1);
        }}
      />
    </>
  );
}

function People({ api }: { api: ApiClient }) {
  return (
    <TenantScoped ability="person.list" pickerId="people-tenant">
      {(tenant) => <PeopleOf api={api} tenant={tenant} />}
    </TenantScoped>
  );
}

/** Personen: the people of a tenant; add, import, change roles, deactivate and reactivate. */
export default adminPage('people', People);
