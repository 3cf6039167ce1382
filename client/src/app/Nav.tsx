import { type Room } from '@arbeitsbereich/contract';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnreadCounts, type UnreadOfChatRoom } from '../features/chat';
import { RoomList, type Unread } from '../features/rooms';
import { Link } from '../lib/router/Link';
import { useRouter } from '../lib/router/context';
import { isWithin } from '../lib/router/location';
import { paths } from '../lib/router/paths';
import { hasAnyAdminArea } from '../lib/session/adminAreas';
import { useSession } from '../lib/session/context';

type UnreadOf = (room: Room) => Unread | undefined;

/** The room list stays mounted while the chat loads; the counts join it when they are known. */
function RoomsWithUnread() {
  const [unread, setUnread] = useState<{ of: UnreadOf }>();
  // The chat (and its unread counts) loads after the shell; until then the list shows without counts.
  const [onChange] = useState(() => (of: UnreadOfChatRoom) => setUnread({ of: (room) => of(room.matrixRoomId) }));
  return (
    <>
      <Suspense fallback={null}>
        <UnreadCounts onChange={onChange} />
      </Suspense>
      <RoomList unread={unread?.of} />
    </>
  );
}

function NavLink({ to, label, exact = false }: { to: string; label: string; exact?: boolean }) {
  const { location } = useRouter();
  const current = exact ? location.pathname === to : isWithin(location.pathname, to);
  return (
    <li>
      <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
}

/** Left column: rooms of the tenant, then the administration — only the parts the server allows. */
export function Nav() {
  const { t } = useTranslation();
  const { status, access } = useSession();
  const { areas } = access;
  const signedIn = status.kind === 'signed-in';
  return (
    <div className="side">
      <nav className="room-nav" aria-labelledby="room-nav-heading">
        <h2 id="room-nav-heading" className="room-nav__heading">
          {t('nav.heading')}
        </h2>
        {signedIn ? <RoomsWithUnread /> : <p className="empty-state">{t('nav.empty')}</p>}
      </nav>
      {hasAnyAdminArea(areas) && (
        <nav className="room-nav" aria-labelledby="admin-nav-heading">
          <h2 id="admin-nav-heading" className="room-nav__heading">
            {t('nav.admin')}
          </h2>
          <ul className="nav-list">
            {areas.people && <NavLink to={paths.people} label={t('nav.people')} />}
            {areas.audit && <NavLink to={paths.audit} label={t('nav.audit')} />}
            {areas.policies && <NavLink to={paths.policies} label={t('nav.policies')} />}
            {areas.tenants && <NavLink to={paths.tenants} label={t('nav.tenants')} />}
          </ul>
        </nav>
      )}
      <nav className="room-nav" aria-labelledby="more-nav-heading">
        <h2 id="more-nav-heading" className="room-nav__heading">
          {t('nav.more')}
        </h2>
        <ul className="nav-list">
          <NavLink to={paths.home} label={t('nav.home')} exact />
          <NavLink to={paths.status} label={t('nav.status')} />
        </ul>
      </nav>
    </div>
  );
}
