import './zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialLocale, setupI18n } from './i18n/i18n';
import { chooseHost } from './platform/host';
import './styles.css';

// User Timing marks of the launch (devtools' performance panel and bench:ui read them).
performance.mark('caseway:script');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// In a browser, a service worker keeps the app's files so it opens without the store (the desktop
// shell loads them from disk). Not in development, where Vite serves the sources.
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}
void setupI18n(initialLocale()).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App host={chooseHost()} />
    </StrictMode>,
  ),
);
