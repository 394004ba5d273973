import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeProfile, waitForServiceWorkerControl } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fillAndWaitSaved } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

const QUOTA_BYTES = 1_500_000;

/** Varied words, so that IndexedDB's compression cannot shrink them below the quota. */
function textLongerThan(characters: number): string {
  const syllables = ['kiến', 'nghị', 'liên', 'đoàn', 'lao', 'động', 'huyện', 'công', 'nhân', 'lương', 'thưởng', 'bữa', 'ăn', 'ca'];
  const words: string[] = [];
  let length = 0;
  for (let seed = 7; length < characters; ) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const word = `${syllables[seed % syllables.length]}${seed % 97}`;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

describe('storage that lasts', () => {
  it('shows in settings whether storage is persistent and how much is used, in vi-VN units', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/#/settings`);
      const persistence = page.locator('[data-testid="storage-persistence"]:not([data-persistence="checking"])');
      await persistence.waitFor();
      const state = await persistence.getAttribute('data-persistence');
      expect(['granted', 'denied']).toContain(state);
      expect(await persistence.innerText()).toContain(
        state === 'granted' ? 'Lưu trữ lâu dài: đã được cấp' : 'Lưu trữ lâu dài: chưa được cấp',
      );
      const usage = page.getByTestId('storage-usage');
      await usage.waitFor();
      expect(await usage.innerText()).toMatch(/^Đã dùng \d+(,\d)? (B|KB|MB) trên \d+(,\d)? (MB|GB|TB) được phép\.$/);
    } finally {
      await context.close();
    }
  });

  it('meets a full disk with a clear message and a backup button, not a blank screen', async () => {
    // A profile on disk: the quota override applies to real storage, not to an incognito context's.
    const profile = await makeProfile();
    const context = await profile.launch();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      // Chromium's own quota for the origin, made small before the app first opens its database
      // (Chromium checks IndexedDB writes against the quota it saw when the database opened).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: QUOTA_BYTES });
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      const reportId = await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '120' });

      await page.goto(`${server.url}/#/report/${reportId}/proposals`);
      await page.getByTestId('field-proposals.text').fill(textLongerThan(2 * QUOTA_BYTES));
      await page.locator('[data-testid="saved-at"][data-phase="failed"]').waitFor();
      const banner = page.getByTestId('quota-error');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('Bộ nhớ của máy đã đầy');
      await banner.getByRole('button', { name: 'Tải bản sao lưu' }).click();
      await page.getByTestId('backup-export').waitFor();
      expect(page.url()).toContain('#/backup');
    } finally {
      await context.close();
      await profile.remove();
    }
  });
});
