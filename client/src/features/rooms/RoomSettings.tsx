import { type Room, type RoomMember } from '@arbeitsbereich/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useRealtimeSignal } from '../../lib/realtime/context';
import { useSession } from '../../lib/session/context';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { AddMember } from './AddMember';
import { ArchiveRoom } from './ArchiveRoom';
import { MemberRow } from './MemberRow';
import { RoomDetailsForm } from './RoomDetailsForm';
import { RoomSync } from './RoomSync';
import { concernsRoom, memberControls, roomActions, sortMembers } from './roomRules';
import { useLoad } from '../../lib/api/useLoad';

interface Props {
  id: string;
  room: Room;
  onRoomChanged: (room: Room) => void;
  onClose: () => void;
}

/**
 * The right-hand panel: the room's sync state, its members and their roles, and the
 * settings — each control only where the room's abilities allow it.
 */
export function RoomSettings({ id, room, onRoomChanged, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { api, status } = useSession();
  const announce = useAnnounce();
  const me = status.kind === 'signed-in' ? status.actor.userId : null;
  const actions = roomActions(room.abilities);
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.listRoomMembers(room.tenantId, room.id, signal) : undefined),
    [api, room.tenantId, room.id],
  );
  const members = useLoad(`${room.tenantId}|${room.id}`, load);
  const { reload } = members;
  useRealtimeSignal((signal) => {
    if (concernsRoom(signal, room.tenantId, room.id)) reload();
  });
  const sorted = useMemo(
    () => sortMembers(members.data ?? [], i18n.resolvedLanguage ?? 'de'),
    [members.data, i18n.resolvedLanguage],
  );
  const memberIds = useMemo(() => new Set(sorted.map((m) => m.personId)), [sorted]);
  const [removing, setRemoving] = useState<RoomMember | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeFailure, setRemoveFailure] = useState<{ failure: ApiFailure; name: string }>();

  const remove = () => {
    if (!api || !removing) return;
    const name = removing.displayName;
    setRemoveBusy(true);
    setRemoveFailure(undefined);
    api.removeRoomMember(room.tenantId, room.id, removing.personId).then(
      () => {
        setRemoveBusy(false);
        setRemoving(null);
        announce(t('rooms.settings.removed', { name }));
        reload();
      },
      (caught: unknown) => {
        setRemoveBusy(false);
        setRemoving(null);
        setRemoveFailure({ failure: toApiFailure(caught), name });
        announce(t('rooms.settings.removeFailed', { name }), 'problem');
      },
    );
  };

  return (
    <section id={id} className="room-settings" aria-labelledby={`${id}-heading`} data-testid="room-settings">
      <div className="room-settings__top">
        <h2 id={`${id}-heading`}>{t('rooms.settings.title')}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('rooms.settings.close')}
        </button>
      </div>

      <section className="room-settings__section" aria-labelledby="room-details-heading">
        <h3 id="room-details-heading">{t('rooms.settings.details.title')}</h3>
        <p className="room-settings__sync">
          <span className="muted">{t('rooms.sync.title')}:</span> <RoomSync sync={room.sync} detailed />
        </p>
        {actions.edit ? (
          <RoomDetailsForm
            key={`${room.name}|${room.topic}|${room.visibility}`}
            room={room}
            onChanged={onRoomChanged}
          />
        ) : (
          <p>{t(`rooms.visibility.${room.visibility}`)}</p>
        )}
      </section>

      <section className="room-settings__section" aria-labelledby="room-members-heading">
        <h3 id="room-members-heading">
          {t('rooms.settings.members')}
          {members.data && (
            <span className="muted room-settings__count">
              {' '}
              · {t('rooms.settings.membersCount', { count: members.data.length })}
            </span>
          )}
        </h3>
        {members.failure && <FailureAlert failure={members.failure} title={t('rooms.settings.membersFailed')} />}
        {removeFailure && (
          <FailureAlert
            failure={removeFailure.failure}
            title={t('rooms.settings.removeFailed', { name: removeFailure.name })}
          />
        )}
        {!members.data && members.loading && <Busy message={t('rooms.settings.membersLoading')} />}
        {members.data && (
          <ul className="member-list" aria-labelledby="room-members-heading" data-testid="room-members">
            {sorted.map((member) => (
              <MemberRow
                key={`${member.personId}|${member.role}`}
                room={room}
                member={member}
                me={member.personId === me}
                controls={memberControls(room.abilities, member, me)}
                onChanged={reload}
                onRemove={setRemoving}
              />
            ))}
          </ul>
        )}
      </section>

      {actions.manageMembers && members.data && <AddMember room={room} memberIds={memberIds} onAdded={reload} />}

      {actions.archive && <ArchiveRoom room={room} onArchived={onRoomChanged} />}

      <ConfirmDialog
        open={removing !== null}
        title={t('rooms.settings.removeTitle', { name: removing?.displayName ?? '' })}
        confirmLabel={t('rooms.settings.removeConfirm')}
        cancelLabel={t('rooms.settings.cancel')}
        busy={removeBusy}
        busyLabel={t('rooms.settings.working')}
        onConfirm={remove}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('rooms.settings.removeText', { name: removing?.displayName ?? '', room: room.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
