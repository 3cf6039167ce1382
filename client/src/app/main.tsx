import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { setupI18n } from '../lib/i18n/setup';
import { App } from './App';
import './shell.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element to render into.');

const i18n = setupI18n();
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
