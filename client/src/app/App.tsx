import { useTranslation } from 'react-i18next';
import { ChatConnector } from '../features/chat/ChatConnector';
import { AnnouncerProvider } from '../lib/ui/Announcer';
import { Nav } from './Nav';
import { Routes } from './Routes';
import { TopBar } from './TopBar';

/** The frame every screen lives in: top bar, navigation on the left, the selected view in the centre. */
export function App() {
  const { t } = useTranslation();
  return (
    <AnnouncerProvider closeLabel={t('app.closeMessage')}>
      <ChatConnector />
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
