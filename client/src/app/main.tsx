import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { setupI18n } from '../lib/i18n/setup';
import { RealtimeProvider } from '../lib/realtime/RealtimeProvider';
import { RouterProvider } from '../lib/router/RouterProvider';
import { SessionProvider } from '../lib/session/SessionProvider';
import { applyTheme, readStoredTheme } from '../lib/ui/theme';
import { App } from './App';
import '../lib/ui/theme.css';
import '../lib/ui/ui.css';
import './shell.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element to render into.');

// A light or dark choice made earlier in this browser applies before the first paint of the app.
applyTheme(readStoredTheme());
const i18n = setupI18n();
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider>
        <SessionProvider>
          <RealtimeProvider>
            <App />
          </RealtimeProvider>
        </SessionProvider>
      </RouterProvider>
    </I18nextProvider>
  </StrictMode>,
);
