import { type Person, type Room, type RoomRole } from '@arbeitsbereich/contract';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { SelectField } from '../../lib/ui/Field';
import { PersonCombobox } from './PersonCombobox';
import { matchPeople, personName } from './personMatch';
import { defaultRole, newMemberRoles, roomRoleKey } from './roomRules';
import { useLoad } from '../../lib/api/useLoad';
import { FormActions } from '../../lib/ui/FormActions';

interface Props {
  room: Room;
  memberIds: ReadonlySet<string>;
  onAdded: () => void;
}

/**
 * "Mitglied hinzufügen": one person of the tenant, found by typing, with a room role among those
 * the server offers for that person's tenant role (until one is chosen: a tenant member's).
 */
export function AddMember({ room, memberIds, onAdded }: Props) {
  const { t, i18n } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.listPeople(room.tenantId, { status: 'active' }, signal) : undefined),
    [api, room.tenantId],
  );
  const people = useLoad(room.tenantId, load);
  const [query, setQuery] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const roles = newMemberRoles(room, person?.role ?? 'member');
  const [chosenRole, setRole] = useState<RoomRole | undefined>(undefined);
  const role = chosenRole !== undefined && roles.includes(chosenRole) ? chosenRole : (defaultRole(roles) ?? 'guest');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const options = useMemo(
    () => matchPeople(people.data?.people ?? [], query, memberIds, { locale: i18n.resolvedLanguage ?? 'de' }),
    [people.data, query, memberIds, i18n.resolvedLanguage],
  );
  const select = useCallback((next: Person | null) => {
    setPerson(next);
    if (next) setMissing(false);
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api) return;
    setFailure(undefined);
    if (!person) {
      setMissing(true);
      event.currentTarget.querySelector<HTMLElement>('[name="person"]')?.focus();
      return;
    }
    setBusy(true);
    api.putRoomMember(room.tenantId, room.id, person.id, role).then(
      () => {
        setBusy(false);
        announce(t('rooms.settings.add.added', { name: personName(person), role: t(roomRoleKey(role)) }));
        setQuery('');
        setPerson(null);
        onAdded();
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <section className="room-settings__section" aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">{t('rooms.settings.add.title')}</h3>
      {people.failure && <FailureAlert failure={people.failure} title={t('rooms.settings.add.peopleFailed')} />}
      {!people.data && people.loading && <Busy message={t('rooms.settings.add.peopleLoading')} />}
      {people.data && (
        <form className="form" onSubmit={submit} noValidate>
          {failure && <FailureAlert failure={failure} title={t('rooms.settings.add.failed')} />}
          <PersonCombobox
            id="add-member-person"
            label={t('rooms.settings.add.person')}
            hint={t('rooms.settings.add.personHint')}
            error={missing ? t('rooms.settings.add.choose') : undefined}
            options={options}
            query={query}
            onQuery={setQuery}
            selected={person}
            onSelect={select}
          />
          <SelectField
            id="add-member-role"
            name="role"
            label={t('rooms.settings.add.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as RoomRole)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(roomRoleKey(value))}
              </option>
            ))}
          </SelectField>
          <FormActions busy={busy} label={t('rooms.settings.add.submit')} busyLabel={t('rooms.settings.working')} />
        </form>
      )}
    </section>
  );
}
