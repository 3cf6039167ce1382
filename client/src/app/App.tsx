import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnouncerProvider } from '../lib/ui/Announcer';
import { Nav } from './Nav';
import { Routes } from './Routes';
import { TopBar } from './TopBar';

// The chat device starts after the shell has painted.
const ChatConnector = lazy(() => import('../features/chat/ChatConnector'));

/** The frame every screen lives in: top bar, navigation on the left, the selected view in the centre. */
export function App() {
  const { t } = useTranslation();
  return (
    <AnnouncerProvider closeLabel={t('app.closeMessage')}>
      <Suspense fallback={null}>
        <ChatConnector />
      </Suspense>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="shell">
        <TopBar />
        <Nav />
        <main id="main" className="shell__main" tabIndex={-1}>
          <Routes />
        </main>
      </div>
    </AnnouncerProvider>
  );
}
