import { useTranslation } from 'react-i18next';

/** Rooms of the current tenant. Until sign-in exists it only explains how to get some. */
export function RoomNav() {
  const { t } = useTranslation();
  return (
    <nav className="room-nav" aria-labelledby="room-nav-heading">
      <h2 id="room-nav-heading" className="room-nav__heading">
        {t('nav.heading')}
      </h2>
      <p className="empty-state">{t('nav.empty')}</p>
    </nav>
  );
}
