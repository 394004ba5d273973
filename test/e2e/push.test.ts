/**
 * Issue 24, the phone's side of a push: the production build's service worker (public/sw-push.js)
 * turns the server's push into a notification, and its tap opens the screen it names, with the network
 * on and off. How the push is delivered and the tap made: test/e2e/support/pushWorker.ts.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PushPayload } from '../../src/domain/notifications';
import { openControlledPage, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport } from './support/officerApp';
import { drivePush } from './support/pushWorker';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

function returned(reportId: string): PushPayload {
  return {
    v: 1,
    kind: 'report_returned',
    title: 'Báo cáo bị trả lại',
    body: 'LĐLĐ tỉnh Thử Nghiệm trả lại báo cáo năm 2025: cần sửa số đoàn viên.',
    url: `/#/report/${reportId}`,
    tag: `report-${reportId}`,
  };
}

async function openApp() {
  const context = await browser.newContext({ locale: 'vi-VN' });
  await context.grantPermissions(['notifications'], { origin: server.url });
  const { page, cspViolations } = await openControlledPage(context, server.url);
  const errors = watchConsoleErrors(page);
  return { context, page, cspViolations, errors };
}

describe('a push reaches the phone as a notification whose tap opens the right screen', () => {
  it('shows the payload in Vietnamese with the app icon, and the tap opens the returned report', async () => {
    const { context, page, cspViolations, errors } = await openApp();
    try {
      const reportId = await createReport(page, { year: 2025, kind: 'yearly' });
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('create-report').waitFor();
      const push = await drivePush(context, page);

      await push.deliver(returned(reportId));
      const shown = await push.shown(`report-${reportId}`);
      expect(shown).toEqual({
        title: 'Báo cáo bị trả lại',
        body: 'LĐLĐ tỉnh Thử Nghiệm trả lại báo cáo năm 2025: cần sửa số đoàn viên.',
        tag: `report-${reportId}`,
        lang: 'vi',
        icon: `${server.url}/pwa-192x192.png`,
        data: { url: `/#/report/${reportId}` },
      });

      await push.tap(`report-${reportId}`);
      await page.waitForURL(`${server.url}/#/report/${reportId}`);
      await page.locator('[data-testid="report-standing"]').first().waitFor();
      await push.close();
      expect(cspViolations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the generic Vietnamese notification for a payload it cannot read, never nothing, and its tap opens the list', async () => {
    const { context, page, errors } = await openApp();
    try {
      const reportId = await createReport(page, { year: 2024, kind: 'yearly' });
      const push = await drivePush(context, page);
      for (const unreadable of ['not json', JSON.stringify({ ...returned(reportId), v: 2 }), JSON.stringify({ ...returned(reportId), url: 'https://example.com/' })]) {
        await push.deliver(unreadable);
        const shown = await push.shown('bao-cao-cdcs');
        expect(shown.title).toBe('Báo cáo CĐCS');
        expect(shown.body).toBe('Báo cáo CĐCS có tin mới');
        expect(shown.data).toEqual({ url: '/#/' });
      }
      await push.deliver('{}');
      await push.shown('bao-cao-cdcs');
      await push.tap('bao-cao-cdcs');
      await page.waitForURL(`${server.url}/#/`);
      await page.getByTestId('create-report').waitFor();
      await push.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks the open page to sync when a push comes', async () => {
    const { context, page } = await openApp();
    try {
      await page.evaluate(() => {
        const seen: unknown[] = [];
        Object.assign(window, { workerMessages: seen });
        navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => seen.push(event.data));
      });
      const push = await drivePush(context, page);
      await push.deliver(returned('r-1'));
      await page.waitForFunction(() => (window as unknown as { workerMessages: { type: string }[] }).workerMessages.some((message) => message.type === 'bao-cao-cdcs-sync'));
      await push.close();
    } finally {
      await context.close();
    }
  });

  it('opens the right screen from a tap with the network off, from what the phone holds', async () => {
    const { context, page, errors } = await openApp();
    try {
      const reportId = await createReport(page, { year: 2023, kind: 'yearly' });
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('create-report').waitFor();
      const push = await drivePush(context, page);
      await context.setOffline(true);
      const requestsWhileOnline = server.requests.length;

      await push.deliver(returned(reportId));
      await push.shown(`report-${reportId}`);
      await push.tap(`report-${reportId}`);
      await page.waitForURL(`${server.url}/#/report/${reportId}`);
      await page.locator(`[data-testid="report-standing"]`).first().waitFor();
      expect(server.requests.slice(requestsWhileOnline)).toEqual([]);
      await push.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
