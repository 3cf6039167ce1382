import { can, type Person } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { SyncState } from '../shared/SyncState';
import { roleKey } from '../shared/roles';
import { personName } from './personName';
import { RoleEditor } from './RoleEditor';
import { InvitationAction } from './InvitationAction';
import { GuestTermAction } from './GuestTermAction';

interface Props {
  api: ApiClient;
  person: Person;
  onChanged: (person: Person) => void;
  onChangeStatus: (person: Person) => void;
  /** Export of the person's data, or their erasure (GDPR). */
  onPersonalData: (person: Person, action: 'export' | 'erase') => void;
}

export function PersonRow({ api, person, onChanged, onChangeStatus, onPersonalData }: Props) {
  const { t } = useTranslation();
  const name = personName(person);
  const active = person.status === 'active';
  const statusAction = active ? 'person.deactivate' : 'person.reactivate';
  return (
    <tr data-person={person.username}>
      <th scope="row" className="person-cell">
        <span className="person-cell__name">{name}</span>
        <span className="person-cell__detail">{person.email}</span>
        <span className="person-cell__detail">
          {t('admin.person.username')}: {person.username}
        </span>
      </th>
      <td data-label={t('admin.person.role')}>
        {can(person.abilities, 'person.changeRole') ? (
          <RoleEditor api={api} person={person} onChanged={onChanged} />
        ) : (
          t(roleKey(person.role))
        )}
        <GuestTermAction api={api} person={person} onChanged={onChanged} />
      </td>
      <td data-label={t('admin.people.statusAndSync')}>
        <span className="status-cell">
          <span className={`badge badge--${person.status}`}>{t(`admin.people.status.${person.status}`)}</span>
          <SyncState sync={person.sync} />
        </span>
      </td>
      <td data-label={t('admin.actions')} className="actions-cell">
        {active && can(person.abilities, 'person.invite') && (
          <InvitationAction api={api} person={person} onChanged={onChanged} />
        )}
        {can(person.abilities, statusAction) ? (
          <button
            type="button"
            className={`button button--small ${active ? 'button--danger-outline' : ''}`}
            onClick={() => onChangeStatus(person)}
            aria-label={
              active ? t('admin.people.deactivateNamed', { name }) : t('admin.people.reactivateNamed', { name })
            }
          >
            {active ? t('admin.people.deactivate') : t('admin.people.reactivate')}
          </button>
        ) : (
          <span className="muted">{t('admin.none')}</span>
        )}
        {can(person.abilities, 'person.export') && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onPersonalData(person, 'export')}
            aria-label={t('privacy.erase.exportNamed', { name })}
          >
            {t('privacy.erase.exportAction')}
          </button>
        )}
        {can(person.abilities, 'person.erase') && (
          <button
            type="button"
            className="button button--small button--danger-outline"
            onClick={() => onPersonalData(person, 'erase')}
            aria-label={t('privacy.erase.actionNamed', { name })}
          >
            {t('privacy.erase.action')}
          </button>
        )}
      </td>
    </tr>
  );
}
