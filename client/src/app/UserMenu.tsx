import { type Actor } from '@arbeitsbereich/contract';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router/Link';
import { paths } from '../lib/router/paths';
import { useSession } from '../lib/session/context';
import { useAnnounce } from '../lib/ui/Announcer';
import { useChatSignOut } from '../features/chat';
import { ThemeChoice } from './ThemeChoice';

/**
 * The signed-in person's name as a button that opens a small panel: who they are,
 * their role, and "Abmelden". A disclosure, so it works with every screen reader;
 * Escape and a click outside close it.
 */
export function UserMenu({ actor }: { actor: Actor }) {
  const { t } = useTranslation();
  const { signOut, access } = useSession();
  const tenantName = access.homeTenant?.name;
  const signOutChat = useChatSignOut();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const name = actor.displayName || actor.username;

  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const leave = () => {
    setLeaving(true);
    // The chat device is signed out first: its token and keys do not stay in this browser.
    signOutChat()
      .then(signOut)
      .catch(() => {
        setLeaving(false);
        announce(t('auth.signOutFailed'), 'problem');
      });
  };

  const role = actor.platformAdmin
    ? t('roles.platform-admin')
    : actor.tenantRole
      ? t(`roles.${actor.tenantRole}`)
      : undefined;
  return (
    <div className="user-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="button user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="visually-hidden">{t('auth.userMenu')}: </span>
        <span className="visually-hidden-narrow">{name}</span>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__name">{name}</p>
        <p className="user-menu__detail">{actor.username}</p>
        {role && <p className="user-menu__detail">{role}</p>}
        {tenantName && (
          <p className="user-menu__detail user-menu__tenant">
            {t('app.tenant')}: {tenantName}
          </p>
        )}
        {actor.tenantId && (
          <p className="user-menu__detail">
            <Link to={paths.chatDevices} onClick={() => setOpen(false)}>
              {t('chat.devices.heading')}
            </Link>
          </p>
        )}
        <ThemeChoice />
        <button type="button" className="button user-menu__sign-out" onClick={leave} disabled={leaving}>
          {leaving ? t('auth.signingOut') : t('auth.signOut')}
        </button>
      </div>
    </div>
  );
}
