import type { Person } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { formatDateTime } from '../../../lib/i18n/format';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { personName } from './personName';

interface Props {
  api: ApiClient;
  person: Person;
  onChanged: (person: Person) => void;
}

/** When the person's invitation by e-mail went out, and a button to send it again. */
export function InvitationAction({ api, person, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const name = personName(person);

  const send = () => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    api.sendInvitation(person.tenantId, person.id).then(
      (updated) => {
        setBusy(false);
        onChanged(updated);
        announce(t('admin.people.invitationQueued', { name }));
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <div className="invitation-cell">
      <span className="person-cell__detail">
        {person.invitedAt === null ? (
          t('admin.people.notInvited')
        ) : (
          <>
            {t('admin.people.invitedAt')}{' '}
            <time dateTime={person.invitedAt}>{formatDateTime(person.invitedAt, i18n.resolvedLanguage ?? 'de')}</time>
          </>
        )}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={send}
        aria-disabled={busy}
        aria-label={t('admin.people.sendInvitationNamed', { name })}
      >
        {busy ? t('admin.working') : t('admin.people.sendInvitation')}
      </button>
      {failure && <FailureAlert failure={failure} title={t('admin.people.invitationFailed')} />}
    </div>
  );
}
