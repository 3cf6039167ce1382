import { type Person, type TenantRole } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { toApiFailure } from '../../../lib/api/http';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { failureText } from '../../../lib/ui/failureText';
import { tenantRoles, roleKey } from '../shared/roles';
import { personName } from './personName';

/** A role select and "Speichern" for one person; saving sends PATCH and shows the answer. */
export function RoleEditor({
  api,
  person,
  onChanged,
}: {
  api: ApiClient;
  person: Person;
  onChanged: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [role, setRole] = useState<TenantRole>(person.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `role-${person.id}`;
  const errorId = `${id}-error`;
  const name = personName(person);

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || role === person.role) return;
    setBusy(true);
    setError(undefined);
    api.changeRole(person.tenantId, person.id, role).then(
      (changed) => {
        setBusy(false);
        onChanged(changed);
        announce(t('admin.people.roleChanged', { name, role: t(roleKey(changed.role)) }));
      },
      (caught: unknown) => {
        setBusy(false);
        const text = failureText(toApiFailure(caught));
        const message = [t(text.key, text.values), text.serverDetail].filter(Boolean).join(' ');
        setError(message);
        announce(t('admin.people.roleFailed', { name }), 'problem');
      },
    );
  };

  return (
    <form className="role-editor" onSubmit={save}>
      <div className="role-editor__controls">
        <label htmlFor={id} className="visually-hidden">
          {t('admin.people.roleOf', { name })}
        </label>
        <select
          id={id}
          name="role"
          className="field__control field__control--compact"
          value={role}
          onChange={(event) => setRole(event.target.value as TenantRole)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          {tenantRoles.map((value) => (
            <option key={value} value={value}>
              {t(roleKey(value))}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button--small"
          aria-disabled={busy || role === person.role}
          aria-label={busy ? undefined : t('admin.people.saveRole', { name })}
        >
          {busy ? t('admin.working') : t('admin.save')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </form>
  );
}
