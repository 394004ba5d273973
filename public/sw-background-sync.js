/*
 * Background Sync, an extra where the browser has it (Chromium): when the connection returns, the
 * browser fires `sync` with the tag the app registered (src/app/sync/browser.ts, BACKGROUND_SYNC_TAG).
 * The worker only wakes the app's open pages; their sync engine does the sending. No network from
 * here, no retry: the event settles at once, and the app's own triggers remain the main path.
 * Loaded into the generated worker with workbox `importScripts` (vite.config.ts).
 */
self.addEventListener('sync', (event) => {
  if (event.tag !== 'bao-cao-cdcs-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'bao-cao-cdcs-sync' });
    }),
  );
});

/*
 * Periodic Background Sync, an extra where the browser allows it (Chromium, installed app): now and
 * then the browser fires `periodicsync` with the tag the app registered (PERIODIC_PULL_TAG); the
 * worker asks the open pages to pull the superior's decisions. No network from here either.
 */
self.addEventListener('periodicsync', (event) => {
  if (event.tag !== 'bao-cao-cdcs-pull') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'bao-cao-cdcs-pull' });
    }),
  );
});
