import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeProfile, openControlledPage, waitForServiceWorkerControl } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fieldValue, fillAndWaitSaved } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

describe('after one visit online, the officer works with the network off', () => {
  it('loads, creates and fills a report, and keeps the figures across a reload', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const { page, cspViolations } = await openControlledPage(context, server.url);

      await context.setOffline(true);
      const requestsWhileOnline = server.requests.length;
      await page.reload();
      await page.getByTestId('create-report').waitFor();

      const reportId = await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '1000', 'membership.members': '853' });
      expect(await page.getByTestId('unionization-rate').innerText()).toContain('85,3 %');
      expect(await page.getByTestId('unionization-verdict').innerText()).toBe('Đạt');

      await page.reload();
      expect(await fieldValue(page, 'membership.workers')).toBe('1.000');
      expect(await fieldValue(page, 'membership.members')).toBe('853');
      expect(await page.getByTestId('unionization-rate').innerText()).toContain('85,3 %');

      await page.goto(`${server.url}/#/`);
      const item = page.locator(`[data-testid="report-item"][data-report-id="${reportId}"]`);
      await item.waitFor();
      expect(await item.getAttribute('data-period')).toBe('2025-yearly');

      // Everything since going offline came from the service worker's cache, not from the server.
      expect(server.requests.slice(requestsWhileOnline)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens with the saved draft after the browser is closed and relaunched with no network and no server', async () => {
    const ownServer = await serveDist();
    const profile = await makeProfile();
    try {
      let context = await profile.launch();
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(ownServer.url);
      await waitForServiceWorkerControl(page);
      const reportId = await createReport(page, { year: 2023, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '75', 'membership.members': '61' });
      await context.close();
      await ownServer.close();

      context = await profile.launch({ offline: true });
      try {
        page = context.pages()[0] ?? (await context.newPage());
        await page.goto(ownServer.url);
        await page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-open"]`).click();
        expect(await fieldValue(page, 'membership.members')).toBe('61');
        expect(await fieldValue(page, 'membership.workers')).toBe('75');
        expect(await page.getByTestId('unionization-rate').innerText()).toContain('81,3 %');
      } finally {
        await context.close();
      }
    } finally {
      await profile.remove();
    }
  });
});
