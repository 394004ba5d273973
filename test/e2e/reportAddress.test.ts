/**
 * The editor shows the report its address names, also when the address changes while another report is
 * open: a notification's tap (issue 24) or a link moves the page to `#/report/<id>` without a reload.
 * Seen by the IndexedDB upgrade's test: the editor kept the first report on screen, its fields and
 * status, under the second one's address (and, when the app had opened on the first report's address,
 * never read the second at all).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openControlledPage, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fieldValue, fillAndWaitSaved } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

/** Moves the page to another address as a notification's tap or a link does: the hash only, no reload. */
async function followLink(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    location.hash = to;
  }, hash);
}

/** Waits until the editor shows this report (its address and its figure), then reads the members field. */
async function membersShown(page: Page, reportId: string, members: string): Promise<void> {
  await page.waitForURL(new RegExp(`#/report/${reportId}`));
  await page.waitForFunction(
    (wanted) => (document.querySelector('[data-testid="field-membership.members"]') as HTMLInputElement | null)?.value === wanted,
    members,
  );
}

describe("the officer's editor follows its address", () => {
  it('shows the other report when a link opens it from an open editor, whether the app opened on a report or on the list', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 } });
    try {
      const { page } = await openControlledPage(context, server.url);
      const errors = watchConsoleErrors(page);
      const older = await createReport(page, { year: 2024, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '90', 'membership.members': '77' });
      await page.goto(`${server.url}/#/`);
      const newer = await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '120', 'membership.members': '110' });

      // From one editor to the other, opened from the list.
      await followLink(page, `#/report/${older}/membership`);
      await membersShown(page, older, '77');
      expect(await fieldValue(page, 'membership.workers')).toBe('90');

      // The app opened on a report's address (it read that report before drawing), then a link to the other.
      await page.goto(`${server.url}/#/report/${newer}/membership`);
      await page.reload();
      await membersShown(page, newer, '110');
      await followLink(page, `#/report/${older}`);
      await membersShown(page, older, '77');
      // And what is typed there stays with the report shown.
      await fillAndWaitSaved(page, { 'membership.members': '78' });
      await page.reload();
      await membersShown(page, older, '78');
      await followLink(page, `#/report/${newer}/membership`);
      await membersShown(page, newer, '110');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
