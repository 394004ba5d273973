/*
 * Web Push (issue 24): the server's push becomes a notification, and its tap opens the screen it names.
 * The payload is src/domain/notifications.ts's PushPayload (v 1). Whatever arrives, a notification is
 * shown: a push that shows nothing is penalised by Chrome, so an unknown version or a malformed body
 * gets the generic Vietnamese one. The open pages are asked to sync, so the rest (the returned
 * comment, the round's dates) is on the phone when the officer looks. A tap needs no network: the
 * address is the app's own, served from the precache.
 * Loaded into the generated worker with workbox `importScripts` (vite.config.ts).
 */
// src/domain/notifications.ts's PUSH_KINDS (a worker script cannot import it; test/app/pwa/swPush.test.ts holds them equal).
const PUSH_KINDS = ['round_opened', 'deadline_reminder', 'report_returned', 'report_accepted', 'round_reopened'];
const GENERIC_NOTIFICATION = { title: 'Báo cáo CĐCS', body: 'Báo cáo CĐCS có tin mới', url: '/#/', tag: 'bao-cao-cdcs' };

/** Only the app's own screens: `/#/` or `/#/report/<id>`. */
function isAppAddress(url) {
  return typeof url === 'string' && /^\/#\/(?:report\/[^/?#\s]+)?$/.test(url);
}

function readPayload(data) {
  let payload = null;
  try {
    payload = data ? data.json() : null;
  } catch {
    payload = null;
  }
  if (
    !payload ||
    payload.v !== 1 ||
    !PUSH_KINDS.includes(payload.kind) ||
    typeof payload.title !== 'string' ||
    payload.title === '' ||
    typeof payload.body !== 'string' ||
    !isAppAddress(payload.url) ||
    typeof payload.tag !== 'string'
  )
    return GENERIC_NOTIFICATION;
  return payload;
}

self.addEventListener('push', (event) => {
  const shown = readPayload(event.data);
  const notify = self.registration.showNotification(shown.title, {
    body: shown.body,
    icon: '/pwa-192x192.png',
    badge: '/pwa-64x64.png',
    lang: 'vi',
    tag: shown.tag || GENERIC_NOTIFICATION.tag,
    data: { url: shown.url },
  });
  const askPagesToSync = self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
    for (const client of clients) client.postMessage({ type: 'bao-cao-cdcs-sync' });
  });
  event.waitUntil(Promise.all([notify, askPagesToSync]));
});

/**
 * Where a tap leads: an open window of the app is sent to the notification's address and brought to
 * the front; with none open, a new one opens there. Named, so that the e2e test (test/e2e/push.test.ts)
 * can run this same path inside the worker: a headless browser has no notification to tap.
 */
async function openNotificationTarget(notification) {
  const address = notification.data && isAppAddress(notification.data.url) ? notification.data.url : '/#/';
  const target = new URL(address, self.location.origin).href;
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = clients.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    // Navigate first: focusing may be refused (no user activation left), the address must still change.
    const navigated = await open.navigate(target).catch(() => null);
    await open.focus().catch(() => undefined);
    if (navigated || open.url === target) return;
  }
  await self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openNotificationTarget(event.notification));
});
