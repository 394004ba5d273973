import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import type { PushPayload } from '../../../src/domain/notifications';

/**
 * Drives the app's service worker as a push service and a tap would, in Chromium.
 *
 * - A push: DevTools' `ServiceWorker.deliverPushMessage` on a CDP session of the page, with the
 *   registration id that `ServiceWorker.enable` reports (`workerRegistrationUpdated`). The worker's real
 *   `push` handler runs on the real bytes.
 * - A tap: a headless browser draws no notification, and nothing in DevTools clicks one. The test runs
 *   the worker's own tap path instead, `openNotificationTarget(notification)` of public/sw-push.js (the
 *   function its `notificationclick` handler calls), inside the worker (Playwright's `Worker.evaluate`,
 *   i.e. CDP `Runtime.evaluate` on the worker's target), with the notification the worker really shows.
 *   No test-only code in the worker. What this leaves out: the browser's own click event, and opening a
 *   new window (only a real tap grants that), so the tests tap with the app's window open.
 */
export interface PushDriver {
  /** Sends these bytes as a push (a payload object as its JSON). */
  deliver(payload: PushPayload | string): Promise<void>;
  /**
   * Waits until the app shows a notification tagged `tag` for the last push delivered, and returns it.
   * A push with the tag of one already shown replaces it: the one wanted is the one whose `timestamp`
   * (its showing) is not before that push was sent. The test need not close the earlier one first,
   * which raced in Chromium: a close still on its way closed the replacement with the same tag.
   */
  shown(tag: string): Promise<ShownNotification>;
  /** The notifications the app's registration shows now, read in the page. */
  notifications(): Promise<ShownNotification[]>;
  /** Runs the worker's tap path on the notification shown with `tag`. */
  tap(tag: string): Promise<void>;
  close(): Promise<void>;
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  lang: string;
  icon: string;
  data: unknown;
}

interface RegistrationUpdated {
  registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[];
}

async function registrationIdOf(session: CDPSession, scope: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    const onUpdate = (event: RegistrationUpdated) => {
      const registration = event.registrations.find((candidate) => candidate.scopeURL === scope && !candidate.isDeleted);
      if (!registration) return;
      session.off('ServiceWorker.workerRegistrationUpdated', onUpdate);
      resolve(registration.registrationId);
    };
    session.on('ServiceWorker.workerRegistrationUpdated', onUpdate);
  });
  await session.send('ServiceWorker.enable');
  return found;
}

function appWorker(context: BrowserContext, origin: string): Promise<Worker> {
  const running = context.serviceWorkers().find((worker) => worker.url().startsWith(origin));
  return running ? Promise.resolve(running) : context.waitForEvent('serviceworker', (worker) => worker.url().startsWith(origin));
}

/** `page` is controlled by the app's worker (see waitForServiceWorkerControl). */
export async function drivePush(context: BrowserContext, page: Page): Promise<PushDriver> {
  const origin = new URL(page.url()).origin;
  const session = await context.newCDPSession(page);
  const registrationId = await registrationIdOf(session, `${origin}/`);
  let lastSentAt = 0;
  const notifications = (): Promise<ShownNotification[]> =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map(({ title, body, tag, lang, icon, data }) => ({ title, body, tag, lang, icon, data })),
    );
  return {
    async deliver(payload) {
      const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
      lastSentAt = await page.evaluate(() => Date.now());
      await session.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data });
    },
    async shown(tag) {
      // getNotifications() answers a promise, which waitForFunction would take as truthy at once: the page
      // looks again until the notification is there, and one look both finds it and reads it.
      return page.evaluate(async ({ wanted, since }) => {
        const registration = await navigator.serviceWorker.ready;
        for (;;) {
          const notification = (await registration.getNotifications()).find((candidate) => candidate.tag === wanted && (candidate as Notification & { timestamp: number }).timestamp >= since);
          if (notification) {
            const { title, body, tag, lang, icon, data } = notification;
            return { title, body, tag, lang, icon, data: data as unknown };
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }, { wanted: tag, since: lastSentAt });
    },
    notifications,
    async tap(tag) {
      const worker = await appWorker(context, origin);
      await worker.evaluate(async (wanted) => {
        const scope = self as unknown as { registration: ServiceWorkerRegistration; openNotificationTarget(notification: Notification): Promise<void> };
        const shown = (await scope.registration.getNotifications()).find((notification) => notification.tag === wanted);
        if (!shown) throw new Error(`no notification tagged ${wanted}`);
        shown.close();
        await scope.openNotificationTarget(shown);
      }, tag);
    },
    close: () => session.detach(),
  };
}
