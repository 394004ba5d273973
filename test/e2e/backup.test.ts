import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeProfile } from './support/browser';
import { folderPerFile, serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fieldValue, fillAndWaitSaved } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});
const downloads = folderPerFile('backup');

const reports = [
  { period: { year: 2025, kind: 'yearly' }, fields: { 'membership.workers': '1000', 'membership.members': '853' } },
  { period: { year: 2024, kind: 'yearly' }, fields: { 'membership.workers': '640', 'membership.members': '512' } },
];

async function periodsListed(page: Page): Promise<string[]> {
  await page.goto(`${server.url}/#/`);
  await page.getByTestId('report-item').first().waitFor();
  const periods = await page.getByTestId('report-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-period')!));
  return periods.sort();
}

describe('a JSON backup moves every report to another phone', () => {
  it('exports on one browser profile and imports the same reports into a fresh one', async () => {
    const oldPhone = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
    let backupPath: string;
    try {
      const page = await oldPhone.newPage();
      await page.goto(server.url);
      for (const report of reports) {
        await page.goto(`${server.url}/#/`);
        await createReport(page, report.period);
        await fillAndWaitSaved(page, report.fields);
      }
      await page.goto(`${server.url}/#/backup`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-cdcs-\d{4}-\d{2}-\d{2}\.json$/);
      // Saved outside the browser's artifacts, which go away with the context.
      backupPath = join(downloads(), download.suggestedFilename());
      await download.saveAs(backupPath);
      const backup = JSON.parse(await readFile(backupPath, 'utf8'));
      expect(backup).toMatchObject({ format: 'bao-cao-cdcs-backup', version: 1 });
      expect(backup.reports).toHaveLength(reports.length);
    } finally {
      await oldPhone.close();
    }

    const profile = await makeProfile();
    const newPhone = await profile.launch();
    try {
      const page = newPhone.pages()[0] ?? (await newPhone.newPage());
      await page.goto(`${server.url}/#/backup`);
      await page.getByTestId('backup-import-file').setInputFiles(backupPath);
      const plan = page.getByTestId('plan-new');
      await plan.waitFor();
      expect(await plan.innerText()).toContain(String(reports.length));
      await page.getByTestId('backup-import-confirm').click();
      await page.getByTestId('backup-import-result').waitFor();

      expect(await periodsListed(page)).toEqual(['2024-yearly', '2025-yearly']);
      for (const report of reports) {
        await page.goto(`${server.url}/#/`);
        await page.locator(`[data-testid="report-item"][data-period="${report.period.year}-${report.period.kind}"] [data-testid="report-open"]`).click();
        expect(await fieldValue(page, 'membership.members')).toBe(report.fields['membership.members']);
      }
      expect(await fieldValue(page, 'membership.workers')).toBe('640');
      expect(await page.getByTestId('unionization-rate').innerText()).toContain('80,0 %');
    } finally {
      await newPhone.close();
      await profile.remove();
    }
  });
});
