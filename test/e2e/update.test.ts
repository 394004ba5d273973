import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForServiceWorkerControl } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fieldValue, fillAndWaitSaved } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

describe('a new version of the app', () => {
  it('is offered with a prompt and, when accepted mid-typing, reloads only after the edit is saved', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await createReport(page, { year: 2024, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '500' });

      server.publishNewWorker();
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = page.getByTestId('update-prompt');
      await prompt.waitFor();
      expect(await prompt.innerText()).toContain('Có phiên bản mới');

      // The page keeps a mark that a reload would wipe: it tells whether the page was replaced.
      await page.evaluate(() => document.documentElement.setAttribute('data-before-update', 'yes'));
      // Notes, at the moment the page asks the new worker to take over, how many commits had happened.
      const savesBeforeTyping = await page.evaluate(() => {
        const post = ServiceWorker.prototype.postMessage;
        ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: Parameters<typeof post>) {
          if ((args[0] as { type?: string } | null)?.type === 'SKIP_WAITING')
            sessionStorage.setItem('saves-at-skip-waiting', String(performance.getEntriesByName('report-saved').length));
          return post.apply(this, args);
        } as typeof post;
        return performance.getEntriesByName('report-saved').length;
      });
      // Typed, then "Cập nhật" at once, inside the autosave delay: the edit must survive the reload.
      await page.getByTestId('field-membership.members').fill('432');
      await Promise.all([page.waitForEvent('load'), page.getByTestId('update-apply').click()]);
      const savesAtSkipWaiting = Number(await page.evaluate(() => sessionStorage.getItem('saves-at-skip-waiting')));
      expect(savesAtSkipWaiting, 'the edit was committed before the new version took over').toBeGreaterThan(
        savesBeforeTyping,
      );

      expect(await page.evaluate(() => document.documentElement.getAttribute('data-before-update'))).toBeNull();
      expect(await fieldValue(page, 'membership.members')).toBe('432');
      expect(await fieldValue(page, 'membership.workers')).toBe('500');
      const stillWaiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);
      expect(stillWaiting, 'the new worker took over').toBe(false);
      expect(await page.getByTestId('update-prompt').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
