import { can } from '@arbeitsbereich/contract';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditPage, ImportPage, MyGuestsPage, PeoplePage, PolicyPage, TenantsPage } from '../features/admin';
import { ChatDevicesPage, ChatLoginPage, ChatPanel } from '../features/chat';
import { DocumentsPanel } from '../features/documents';
import { HomeView } from '../features/home';
import { GuestPage, MeetingPanel } from '../features/meetings';
import { RoomPage, type RoomFaces } from '../features/rooms';
import { StatusView } from '../features/status';
import { useRouter } from '../lib/router/context';
import { Busy } from '../lib/ui/Busy';
import { AccessibilityStatement } from './AccessibilityStatement';
import { NotFoundView } from './NotFoundView';
import { documentsViewOf, guestTokenOf, paths, roomIdOf } from '../lib/router/paths';

/** A room's faces: the chat, the meeting (kept beside the chat while it runs), and the documents. */
const roomFaces: RoomFaces = (room) => [
  {
    id: 'chat',
    labelKey: 'rooms.faces.chat',
    render: () => (
      <LazyFace>
        <ChatPanel
          matrixRoomId={room.matrixRoomId}
          roomName={room.name}
          tenantId={room.tenantId}
          canPost={can(room.abilities, 'chat.post')}
          canRemoveMessages={can(room.abilities, 'chat.removeMessages')}
        />
      </LazyFace>
    ),
  },
  {
    id: 'meeting',
    labelKey: 'rooms.faces.meeting',
    render: (stage) => (
      <LazyFace>
        <MeetingPanel room={room} onLiveChange={stage.setLive} />
      </LazyFace>
    ),
  },
  {
    id: 'documents',
    labelKey: 'rooms.faces.documents',
    path: paths.documents(room.id),
    render: () => (
      <LazyFace>
        <DocumentsPanel room={room} />
      </LazyFace>
    ),
  },
];

function LazyFace({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Busy message={t('app.loadingPage')} />}>{children}</Suspense>;
}

function Page() {
  const { location } = useRouter();
  const roomId = roomIdOf(location.pathname);
  if (roomId !== undefined) {
    const face = documentsViewOf(location.pathname) ? 'documents' : undefined;
    return <RoomPage key={roomId} roomId={roomId} faces={roomFaces} face={face} />;
  }
  const guestToken = guestTokenOf(location.pathname);
  if (guestToken !== undefined) return <GuestPage key={guestToken} token={guestToken} />;
  switch (location.pathname) {
    case paths.home:
      return <HomeView />;
    case paths.status:
      return <StatusView />;
    case paths.accessibility:
      return <AccessibilityStatement />;
    case paths.tenants:
      return <TenantsPage />;
    case paths.people:
      return <PeoplePage />;
    case paths.peopleImport:
      return <ImportPage />;
    case paths.myGuests:
      return <MyGuestsPage />;
    case paths.audit:
      return <AuditPage />;
    case paths.policies:
      return <PolicyPage />;
    case paths.chatLogin:
      return <ChatLoginPage />;
    case paths.chatDevices:
      return <ChatDevicesPage />;
    default:
      return <NotFoundView />;
  }
}

/** The view for the current path. */
export function Routes() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Busy message={t('app.loadingPage')} />}>
      <Page />
    </Suspense>
  );
}
