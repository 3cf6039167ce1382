import { type Room } from '@arbeitsbereich/contract';
import { type MouseEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnreadCounts, type UnreadOfChatRoom } from '../features/chat';
import { RoomList, type Unread } from '../features/rooms';
import { Link } from '../lib/router/Link';
import { useRouter } from '../lib/router/context';
import { isWithin } from '../lib/router/location';
import { paths } from '../lib/router/paths';
import { hasAnyAdminArea } from '../lib/session/adminAreas';
import { useSession } from '../lib/session/context';
import type { Drawer } from './useDrawer';

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

/**
 * Left column: rooms of the tenant, then the administration — only the parts the server allows.
 * On a narrow screen the column is a drawer the top bar's menu button opens (useDrawer): a modal
 * dialog then, with a close button of its own; following a link closes it.
 */
export function Nav({ drawer }: { drawer: Drawer }) {
  const { t } = useTranslation();
  const { status, access } = useSession();
  const { areas } = access;
  const signedIn = status.kind === 'signed-in';
  // Members and admins may sponsor tenant guests (ADR 0050); guests themselves sponsor nobody.
  const sponsors = signedIn && status.actor.tenantId !== null && status.actor.tenantRole !== 'guest';
  const { open, id, drawerRef, dismiss } = drawer;
  const closeOnLink = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('a[href]')) drawer.close();
  };
  return (
    <div
      ref={drawerRef}
      id={id}
      className={open ? 'side side--open' : 'side'}
      role={open ? 'dialog' : undefined}
      aria-modal={open ? true : undefined}
      aria-label={open ? t('nav.drawer') : undefined}
      onClick={closeOnLink}
    >
      {open && (
        <button type="button" className="button button--small side__close" onClick={dismiss}>
          <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          {t('nav.closeMenu')}
        </button>
      )}
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
          {sponsors && <NavLink to={paths.myGuests} label={t('nav.myGuests')} />}
          <NavLink to={paths.status} label={t('nav.status')} />
        </ul>
      </nav>
    </div>
  );
}
