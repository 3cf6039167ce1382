import { useTranslation } from 'react-i18next';
import { StatusView } from '../features/status/StatusView';
import { RoomNav } from './RoomNav';
import { TopBar } from './TopBar';

/** The frame every screen lives in: top bar, rooms on the left, the selected view in the centre. */
export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="shell">
        <TopBar />
        <RoomNav />
        <main id="main" className="shell__main" tabIndex={-1}>
          <StatusView />
        </main>
      </div>
    </>
  );
}
