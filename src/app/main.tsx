import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { onDatabaseEvent } from './db';
import { openApp, type OpenedApp } from './opening';
import { startPwa } from './pwa';
import { parseRoute } from './ui/router';

/**
 * How long the static shell may stand in for the app while it opens. Longer (a large database on a
 * slow phone), the frame is drawn with "Đang mở…" so that its notices (an in-app browser that loses
 * data, a waiting upgrade) are not held back.
 */
const SHELL_WAIT_MS = 3000;

// The install offer can arrive before React mounts; the service worker registers after first paint.
startPwa();

// Opened before anything is drawn (decision 0010): on a slow phone a first drawing of the frame with
// "Đang mở…" cost as much as drawing the report itself, and delayed the opening that followed it.
const opened = openApp(parseRoute(location.hash));

const root = document.getElementById('root');
if (root) {
  let drawn = false;
  // Another tab holding the database (an upgrade waits) or closing it for a newer version: say so now.
  const stopWatching = onDatabaseEvent((event) => {
    if (event.kind === 'blocked' || event.kind === 'versionchange') draw(null);
  });
  const wait = setTimeout(() => draw(null), SHELL_WAIT_MS);
  void opened.then(draw);

  function draw(first: OpenedApp | null): void {
    if (drawn) return;
    drawn = true;
    stopWatching();
    clearTimeout(wait);
    // Replaces the static shell of index.html once the app can draw itself.
    root!.replaceChildren();
    createRoot(root!).render(
      <StrictMode>
        <App opened={opened} first={first} />
      </StrictMode>,
    );
  }
}
