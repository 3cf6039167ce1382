import { type Room, type RoomMember, type RoomRole } from '@arbeitsbereich/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiFailure } from '../../lib/api/http';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { failureText } from '../../lib/ui/failureText';
import { type MemberControls, roomRoleKey } from './roomRules';

interface Props {
  room: Room;
  member: RoomMember;
  me: boolean;
  controls: MemberControls;
  onChanged: () => void;
  onRemove: (member: RoomMember) => void;
}

/** One member: name, role (a select when it may be changed), and "Entfernen" when allowed. */
export function MemberRow({ room, member, me, controls, onChanged, onRemove }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const [role, setRole] = useState<RoomRole>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = member.displayName;
  const selectId = `member-role-${member.personId}`;
  const errorId = `${selectId}-error`;

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !api || role === member.role) return;
    setBusy(true);
    setError(undefined);
    api.putRoomMember(room.tenantId, room.id, member.personId, role).then(
      () => {
        setBusy(false);
        announce(t('rooms.settings.roleChanged', { name, role: t(roomRoleKey(role)) }));
        onChanged();
      },
      (caught: unknown) => {
        setBusy(false);
        const text = failureText(toApiFailure(caught));
        setError([t(text.key, text.values), text.serverDetail].filter(Boolean).join(' '));
        announce(t('rooms.settings.roleFailed', { name }), 'problem');
      },
    );
  };

  return (
    <li className="member" data-member={member.username}>
      <div className="member__who">
        <span className="member__name">
          {name} {me && <span className="muted">{t('rooms.settings.you')}</span>}
        </span>
        <span className="member__detail">
          {member.username}
          {member.personStatus === 'deactivated' && <> · {t('rooms.settings.deactivated')}</>}
        </span>
      </div>
      {controls.roles.length > 0 ? (
        <form className="member__role" onSubmit={save}>
          <label htmlFor={selectId} className="visually-hidden">
            {t('rooms.settings.roleOf', { name })}
          </label>
          <select
            id={selectId}
            className="field__control field__control--compact"
            value={role}
            onChange={(event) => setRole(event.target.value as RoomRole)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          >
            {controls.roles.map((value) => (
              <option key={value} value={value}>
                {t(roomRoleKey(value))}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button--small"
            aria-disabled={busy || role === member.role}
            aria-label={busy ? undefined : t('rooms.settings.saveRole', { name })}
          >
            {busy ? t('rooms.settings.working') : t('rooms.settings.save')}
          </button>
        </form>
      ) : (
        <span className="member__role-label" data-role={member.role}>
          {t(roomRoleKey(member.role))}
        </span>
      )}
      {controls.remove && (
        <button
          type="button"
          className="button button--small button--danger-outline member__remove"
          onClick={() => onRemove(member)}
          aria-label={t('rooms.settings.removeNamed', { name })}
        >
          {t('rooms.settings.remove')}
        </button>
      )}
      {error && (
        <p id={errorId} className="field__error member__error">
          {error}
        </p>
      )}
    </li>
  );
}
