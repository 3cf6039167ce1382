import type { Person } from '@arbeitsbereich/contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { useLoad } from '../../../lib/api/useLoad';
import { useSession } from '../../../lib/session/context';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { AdminPage } from '../shared/AdminPage';
import { GuestTermAction } from './GuestTermAction';
import { personName } from './personName';

function GuestsOf({ api, tenantId, sponsorId }: { api: ApiClient; tenantId: string; sponsorId: string }) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => api.listPeople(tenantId, { sponsorId, status: 'active' }, signal),
    [api, tenantId, sponsorId],
  );
  const guests = useLoad(`${tenantId}|${sponsorId}`, load);
  const replace = (person: Person) =>
    guests.update((data) => ({ ...data, people: data.people.map((item) => (item.id === person.id ? person : item)) }));
  if (guests.failure) return <FailureAlert failure={guests.failure} title={t('guests.loadFailed')} />;
  if (!guests.data) return <Busy message={t('guests.loading')} />;
  const list = guests.data.people;
  if (list.length === 0) return <p className="empty-state">{t('guests.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid="guests-table">
        <caption>{t('guests.caption', { count: list.length })}</caption>
        <thead className="visually-hidden-narrow">
          <tr>
            <th scope="col">{t('guests.guest')}</th>
            <th scope="col">{t('guests.access')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((guest) => (
            <tr key={guest.id} data-person={guest.username}>
              <th scope="row" className="person-cell">
                <span className="person-cell__name">{personName(guest)}</span>
                <span className="person-cell__detail">{guest.email}</span>
              </th>
              <td data-label={t('guests.access')}>
                <GuestTermAction api={api} person={guest} onChanged={replace} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Meine Gäste: the tenant guests the signed-in person sponsors, and extending their access (ADR 0050). */
export default function MyGuestsPage() {
  const { t } = useTranslation();
  const { status } = useSession();
  const actor = status.kind === 'signed-in' ? status.actor : undefined;
  return (
    <AdminPage id="guests-heading" title={t('guests.title')} intro={t('guests.intro')}>
      {(api) =>
        actor?.tenantId && actor.userId ? (
          <GuestsOf api={api} tenantId={actor.tenantId} sponsorId={actor.userId} />
        ) : (
          <p className="empty-state">{t('guests.empty')}</p>
        )
      }
    </AdminPage>
  );
}
