import { type Room } from '@arbeitsbereich/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiFailure, type ApiFailure } from '../../lib/api/http';
import { useRealtimeSignal } from '../../lib/realtime/context';
import { useSession } from '../../lib/session/context';
import { SignInFirst } from '../../lib/session/SignInFirst';
import { useRouter } from '../../lib/router/context';
import { isWithin } from '../../lib/router/location';
import { paths } from '../../lib/router/paths';
import { useAnnounce } from '../../lib/ui/Announcer';
import { Busy } from '../../lib/ui/Busy';
import { FailureAlert } from '../../lib/ui/FailureAlert';
import { PageHeading } from '../../lib/ui/PageHeading';
import { LockIcon } from './icons';
import { type RoomFace, RoomFaceTabs } from './RoomFaceTabs';
import { RoomSettings } from './RoomSettings';
import { RoomSync } from './RoomSync';
import { concernsRoom, roomActions, roomRoleKey } from './roomRules';
import { useLoad } from '../../lib/api/useLoad';
import { usePollWhilePending } from './usePollWhilePending';
import './rooms.css';

const SETTINGS_ID = 'room-settings';

function isMissing(failure: ApiFailure): boolean {
  return failure.kind === 'http' && (failure.status === 404 || failure.status === 403);
}

/** Name, encryption, visibility, the person's role and the sync state, in one line under the heading. */
function RoomFacts({ room }: { room: Room }) {
  const { t } = useTranslation();
  return (
    <p className="room-facts">
      <span className="room-facts__item">
        <LockIcon /> {t('rooms.encrypted')}
      </span>
      <span className="room-facts__item">{t(`rooms.visibility.${room.visibility}`)}</span>
      {room.myRole && <span className="room-facts__item">{t(roomRoleKey(room.myRole))}</span>}
      {room.status === 'archived' && <span className="room-facts__item">{t('rooms.archived')}</span>}
      {room.sync.state !== 'done' && (
        <span className="room-facts__item">
          <RoomSync sync={room.sync} detailed />
        </span>
      )}
    </p>
  );
}

function JoinRoom({ room, onJoined }: { room: Room; onJoined: (room: Room) => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const join = () => {
    if (!api || busy) return;
    setBusy(true);
    setFailure(undefined);
    api.joinRoom(room.tenantId, room.id).then(
      (joined) => {
        setBusy(false);
        announce(t('rooms.page.joined', { name: joined.name }));
        onJoined(joined);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };
  return (
    <div className="alert">
      <p>{t('rooms.page.notMember')}</p>
      {failure && <FailureAlert failure={failure} title={t('rooms.page.joinFailed')} />}
      <p>
        <button type="button" className="button button--primary" onClick={join} aria-disabled={busy}>
          {busy ? t('rooms.settings.working') : t('rooms.page.join')}
        </button>
      </p>
    </div>
  );
}

/** The room's faces (chat, meeting; later documents), supplied by the app so features stay independent. */
export type RoomFaces = (room: Room) => RoomFace[];
export type { FaceStage, RoomFace } from './RoomFaceTabs';

function RoomView({
  tenantId,
  roomId,
  faces,
  face,
}: {
  tenantId: string;
  roomId: string;
  faces: RoomFaces;
  face: string | undefined;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const { location, navigate } = useRouter();
  // The address follows the tabs: a face with its own address goes there, the others to the room's.
  const onChoose = (chosen: RoomFace) => {
    const target = chosen.path ?? paths.room(roomId);
    if (chosen.path ? !isWithin(location.pathname, chosen.path) : location.pathname !== target) navigate(target);
  };
  const load = useMemo(
    () => (api ? (signal: AbortSignal) => api.getRoom(tenantId, roomId, signal) : undefined),
    [api, tenantId, roomId],
  );
  const loaded = useLoad(`${tenantId}|${roomId}`, load);
  const { reload, update } = loaded;
  useRealtimeSignal((signal) => {
    if (concernsRoom(signal, tenantId, roomId)) reload();
  });
  usePollWhilePending(loaded.data?.sync.state === 'pending', reload);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const room = loaded.data;
  const replace = (next: Room) => update(() => next);

  if (!room) {
    return (
      <section className="page room-page" aria-labelledby="room-heading">
        <PageHeading id="room-heading">{t('rooms.page.title')}</PageHeading>
        {loaded.loading && <Busy message={t('rooms.page.loading')} />}
        {loaded.failure &&
          (isMissing(loaded.failure) ? (
            <p className="empty-state">{t('rooms.page.notFound')}</p>
          ) : (
            <FailureAlert failure={loaded.failure} title={t('rooms.page.loadFailed')} />
          ))}
      </section>
    );
  }

  const actions = roomActions(room.abilities);
  return (
    <div className={`room-page${settingsOpen ? ' room-page--with-settings' : ''}`}>
      <section className="room-page__centre" aria-labelledby="room-heading">
        <header className="room-header">
          <div className="room-header__text">
            <PageHeading id="room-heading">{room.name}</PageHeading>
            <RoomFacts room={room} />
            <p className={room.topic ? 'room-header__topic' : 'room-header__topic muted'}>
              <span className="visually-hidden">{t('rooms.page.topic')}: </span>
              {room.topic || t('rooms.page.noTopic')}
            </p>
          </div>
          <button
            type="button"
            className="button"
            aria-expanded={settingsOpen}
            aria-controls={settingsOpen ? SETTINGS_ID : undefined}
            onClick={() => setSettingsOpen((open) => !open)}
          >
            {t('rooms.page.showSettings')}
          </button>
        </header>
        {room.status === 'archived' && <p className="alert">{t('rooms.page.archivedNotice')}</p>}
        {room.myRole === null && actions.join && <JoinRoom room={room} onJoined={replace} />}

        <div className="room-face" data-testid="room-face">
          {room.myRole !== null && <RoomFaceTabs faces={faces(room)} requested={face} onChoose={onChoose} />}
        </div>
      </section>
      {settingsOpen && (
        <RoomSettings id={SETTINGS_ID} room={room} onRoomChanged={replace} onClose={() => setSettingsOpen(false)} />
      )}
    </div>
  );
}

/** One room: heading, topic and facts; its faces (chat, meeting) in the centre; members and settings on the right. */
export default function RoomPage({
  roomId,
  faces,
  face,
}: {
  roomId: string;
  faces: RoomFaces;
  /** The face the address names, e.g. 'documents' for /rooms/:id/documents/…. */
  face?: string | undefined;
}) {
  const { t } = useTranslation();
  const { status } = useSession();
  if (status.kind === 'signed-in' && status.actor.tenantId !== null) {
    return <RoomView tenantId={status.actor.tenantId} roomId={roomId} faces={faces} face={face} />;
  }
  return (
    <section className="page" aria-labelledby="room-heading">
      <PageHeading id="room-heading">{t('rooms.page.title')}</PageHeading>
      <SignInFirst why={t('rooms.page.signInFirst')} />
      {status.kind === 'signed-in' && <p className="empty-state">{t('rooms.list.noTenant')}</p>}
    </section>
  );
}
