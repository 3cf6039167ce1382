import { can, type Room } from '@arbeitsbereich/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router/Link';
import { useRouter } from '../../lib/router/context';
import { paths, roomIdOf } from '../../lib/router/paths';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { LockIcon, PlusIcon } from './icons';
import { NewRoomDialog } from './NewRoomDialog';
import { RoomSync } from './RoomSync';
import { unreadBadge } from './roomRules';
import { useMyRooms } from './useMyRooms';
import { useRunningMeetings } from './useRunningMeetings';
import './rooms.css';

export interface Unread {
  count: number;
  /** Something in the unread messages concerns the person (a mention). */
  highlight: boolean;
}

interface Props {
  /** Unread messages of a room, if known; the chat supplies it. */
  unread?: (room: Room) => Unread | undefined;
}

function UnreadBadge({ unread }: { unread: Unread | undefined }) {
  const { t } = useTranslation();
  const badge = unreadBadge(unread);
  if (!badge) return null;
  return (
    <span className={`room-badge${unread?.highlight ? ' room-badge--highlight' : ''}`} data-testid="unread">
      <span aria-hidden="true">{badge.shown}</span>
      <span className="visually-hidden">{t(badge.labelKey, { count: badge.count })}</span>
    </span>
  );
}

/** A room whose meeting runs: a dot, and in words how many take part (never the colour alone). */
function MeetingMark({ people }: { people: number }) {
  const { t } = useTranslation();
  const label = t('rooms.list.meetingRunning', { count: people });
  return (
    <span className="room-meeting" data-testid="meeting-running" title={label}>
      <span className="room-meeting__dot" aria-hidden="true" />
      <span className="visually-hidden">, {label}</span>
    </span>
  );
}

function RoomLink({
  room,
  current,
  unread,
  inMeeting,
}: {
  room: Room;
  current: boolean;
  unread: Unread | undefined;
  /** How many take part in the room's running meeting; undefined when none runs. */
  inMeeting: number | undefined;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        to={paths.room(room.id)}
        className={`nav-link room-link${room.status === 'archived' ? ' room-link--archived' : ''}`}
        aria-current={current ? 'page' : undefined}
        data-room={room.id}
      >
        <span className="room-link__lock" title={t('rooms.encrypted')}>
          <LockIcon />
        </span>
        <span className="room-link__name">{room.name}</span>
        <span className="visually-hidden">, {t('rooms.encrypted')}</span>
        {room.status === 'archived' && <span className="room-link__note">({t('rooms.archived')})</span>}
        <RoomSync sync={room.sync} />
        {inMeeting !== undefined && <MeetingMark people={inMeeting} />}
        <UnreadBadge unread={unread} />
      </Link>
    </li>
  );
}

/** "Räume" in the left column: the person's rooms, and "Neuer Raum" when the server allows it. */
export function RoomList({ unread }: Props) {
  const { t } = useTranslation();
  const { location } = useRouter();
  const mine = useMyRooms();
  const meetings = useRunningMeetings();
  const [creating, setCreating] = useState(false);
  const selected = roomIdOf(location.pathname);
  const mayCreate = can(mine.data?.abilities, 'room.create');

  if (mine.tenantId === null) return <p className="empty-state">{t('rooms.list.noTenant')}</p>;
  return (
    <>
      {mine.failure && <FailureAlert failure={mine.failure} title={t('rooms.list.loadFailed')} />}
      {!mine.data && mine.loading && <Busy message={t('rooms.list.loading')} />}
      {mine.data && mine.rooms.length === 0 && (
        <p className="empty-state">{mayCreate ? t('rooms.list.empty') : t('rooms.list.emptyNoCreate')}</p>
      )}
      {mine.rooms.length > 0 && (
        <ul className="nav-list room-list" aria-label={t('rooms.list.label')} data-testid="room-list">
          {mine.rooms.map((room) => (
            <RoomLink
              key={room.id}
              room={room}
              current={room.id === selected}
              unread={unread?.(room)}
              inMeeting={meetings.get(room.id)?.participants.length}
            />
          ))}
        </ul>
      )}
      {mayCreate && mine.tenantId !== null && (
        <>
          <button
            type="button"
            className="button button--small room-list__new"
            onClick={() => setCreating(true)}
            aria-haspopup="dialog"
          >
            <PlusIcon />
            {t('rooms.list.newRoom')}
          </button>
          <NewRoomDialog
            open={creating}
            tenantId={mine.tenantId}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              mine.reload();
            }}
          />
        </>
      )}
    </>
  );
}
