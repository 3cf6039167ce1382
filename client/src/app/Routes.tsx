import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { HomeView } from '../features/home/HomeView';
import { StatusView } from '../features/status/StatusView';
import { useRouter } from '../lib/router/context';
import { Busy } from '../lib/ui/Busy';
import { NotFoundView } from './NotFoundView';
import type { RoomFaces } from '../features/rooms/RoomPage';
import { paths, roomIdOf } from '../lib/router/paths';

// The administration loads only when someone opens it.
const TenantsPage = lazy(() => import('../features/admin/tenants/TenantsPage'));
const PeoplePage = lazy(() => import('../features/admin/people/PeoplePage'));
const ImportPage = lazy(() => import('../features/admin/import/ImportPage'));
const AuditPage = lazy(() => import('../features/admin/audit/AuditPage'));
const ChatLoginPage = lazy(() => import('../features/chat/ChatLoginPage'));
const RoomPage = lazy(() => import('../features/rooms/RoomPage'));
const ChatPanel = lazy(() => import('../features/chat/ChatPanel'));

const roomFaces: RoomFaces = (room) => <ChatPanel matrixRoomId={room.matrixRoomId} roomName={room.name} />;

function Page() {
  const { location } = useRouter();
  const roomId = roomIdOf(location.pathname);
  if (roomId !== undefined) return <RoomPage key={roomId} roomId={roomId} faces={roomFaces} />;
  switch (location.pathname) {
    case paths.home:
      return <HomeView />;
    case paths.status:
      return <StatusView />;
    case paths.tenants:
      return <TenantsPage />;
    case paths.people:
      return <PeoplePage />;
    case paths.peopleImport:
      return <ImportPage />;
    case paths.audit:
      return <AuditPage />;
    case paths.chatLogin:
      return <ChatLoginPage />;
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
