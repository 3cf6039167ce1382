import { can, type Person } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { formatDate } from '../../../lib/i18n/format';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { TextField } from '../../../lib/ui/Field';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { personName } from './personName';

const DAY = 24 * 60 * 60 * 1000;
/** A calendar day (YYYY-MM-DD) in this browser's time zone. */
const dayOf = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface Props {
  api: ApiClient;
  person: Person;
  onChanged: (person: Person) => void;
}

/**
 * A tenant guest's end of access (ADR 0050), and for their sponsor or an admin the way to extend
 * it: a date field, at most a year ahead; the access then lasts to the end of that day.
 */
export function GuestTermAction({ api, person, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const term = person.guestTerm;
  if (term === null) return null;
  const name = personName(person);
  const language = i18n.resolvedLanguage ?? 'de';
  const ended = Date.parse(term.expiresAt) <= Date.now();
  const fieldId = `guest-term-${person.id}`;

  const open = () => {
    setDay(dayOf(Math.max(Date.parse(term.expiresAt), Date.now()) + 90 * DAY));
    setFailure(undefined);
    setEditing(true);
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    const expiresAt = new Date(`${day}T23:59:59`).toISOString();
    api.extendGuestTerm(person.tenantId, person.id, expiresAt).then(
      (updated) => {
        setBusy(false);
        setEditing(false);
        onChanged(updated);
        announce(t('guests.extended', { name, date: formatDate(expiresAt, language) }));
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <div className="guest-term">
      <span className="person-cell__detail">
        {ended ? t('guests.ended') : t('guests.accessUntil')}{' '}
        <time dateTime={term.expiresAt}>{formatDate(term.expiresAt, language)}</time>
      </span>
      {can(person.abilities, 'person.extendGuest') &&
        (editing ? (
          <form className="guest-term__form" onSubmit={save}>
            <TextField
              id={fieldId}
              name="expiresOn"
              type="date"
              label={t('guests.newEnd', { name })}
              value={day}
              min={dayOf(Date.now() + DAY)}
              max={dayOf(Date.now() + 365 * DAY)}
              required
              onChange={(event) => setDay(event.target.value)}
            />
            <div className="guest-term__actions">
              <button type="submit" className="button button--small" aria-disabled={busy}>
                {busy ? t('admin.working') : t('guests.save')}
              </button>
              <button type="button" className="button button--small" onClick={() => setEditing(false)}>
                {t('guests.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={open}
            aria-label={t('guests.extendNamed', { name })}
          >
            {t('guests.extend')}
          </button>
        ))}
      {failure && <FailureAlert failure={failure} title={t('guests.extendFailed')} />}
    </div>
  );
}
