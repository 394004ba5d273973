import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startPwa } from './pwa';

// The install offer can arrive before React mounts; the service worker registers after first paint.
startPwa();

const root = document.getElementById('root');
if (root) {
  // Replaces the static shell of index.html once the app can draw itself.
  root.replaceChildren();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
