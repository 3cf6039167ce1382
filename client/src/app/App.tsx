import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
// The chat device starts after the shell has painted: the connector loads on demand.
import { ChatConnector, ChatProvider } from '../features/chat';
import { useRouter } from '../lib/router/context';
import { guestTokenOf } from '../lib/router/paths';
import { AnnouncerProvider } from '../lib/ui/Announcer';
import { Footer } from './Footer';
import { IdleWarning } from './IdleWarning';
import { Nav } from './Nav';
import { Routes } from './Routes';
import { SecondFactorNotice } from './SecondFactorNotice';
import { TopBar } from './TopBar';
import { useDrawer } from './useDrawer';

/** The frame every screen lives in: top bar, navigation on the left, the selected view in the centre. */
export function App() {
  const { t } = useTranslation();
  const { location } = useRouter();
  // A guest of a meeting has no rooms and no administration: the page is the meeting alone.
  const guest = guestTokenOf(location.pathname) !== undefined;
  const drawer = useDrawer();
  // While the drawer is open on a narrow screen, the rest of the page is out of reach.
  const behindDrawer = drawer.open ? true : undefined;
  return (
    <AnnouncerProvider closeLabel={t('app.closeMessage')}>
      <ChatProvider>
        <Suspense fallback={null}>
          <ChatConnector />
        </Suspense>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <div className={guest ? 'shell shell--guest' : 'shell'}>
          <TopBar drawer={guest ? undefined : drawer} />
          {!guest && <Nav drawer={drawer} />}
          {drawer.open && <div className="side-backdrop" aria-hidden="true" onClick={drawer.dismiss} />}
          <main id="main" className="shell__main" tabIndex={-1} inert={behindDrawer}>
            <IdleWarning />
            {!guest && <SecondFactorNotice />}
            <Routes />
          </main>
          <Footer inert={behindDrawer} />
        </div>
      </ChatProvider>
    </AnnouncerProvider>
  );
}
