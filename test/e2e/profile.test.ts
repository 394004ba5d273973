/**
 * The union profile in Chromium, on the production build served by the real server (SQLite): a phone
 * holding a profile from a build before the 2025 reform (a district, an employer typed) enrols with its
 * union's code, and the profile then shows what the server knows (union, sector, superior, commune and
 * province from the tree's names, the place before the date) beside what the officer typed, kept; the
 * old district is shown as history, and "Huyện" is no longer asked for. The print view asks only for
 * what enrolment could not know.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeBackup } from '../../src/domain/backup';
import { emptyReport } from '../../src/domain/report';
import { neverSynced } from '../../src/domain/sync';
import { startTestServer, type TestServer } from '../server/helpers';
import { openControlledPage } from './support/browser';
import { folderPerFile, serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fieldValue } from './support/officerApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});
const work = folderPerFile('profile');

/** What the builds before the reform saved: four fields, the district among them. */
const OLD_PROFILE = { unionName: '', employer: 'Công ty TNHH May mặc Ninh Thạnh', sector: '', district: 'Hòa Thành' } as const;

/** Restores a backup an older build wrote, through the backup screen as the officer would. */
async function restoreOldBackup(page: Page): Promise<void> {
  const report = emptyReport(randomUUID(), { year: 2025, kind: 'yearly' }, '2025-03-01T02:00:00.000Z');
  const file = join(work(), 'old-backup.json');
  await writeFile(file, JSON.stringify(makeBackup([{ document: report, sync: neverSynced() }], { ...OLD_PROFILE }, '2025-03-01T02:00:00.000Z')));
  await page.goto(`${server.url}/#/backup`);
  await page.getByTestId('backup-import-file').setInputFiles(file);
  await page.getByTestId('plan-new').waitFor();
  await page.getByTestId('backup-import-confirm').click();
  await page.getByTestId('backup-import-result').waitFor();
}

describe('the union profile after enrolment', () => {
  it('shows what the server knows beside what the officer typed, and the old district as history', async () => {
    const ward = await server.createNode({ name: 'Công đoàn phường Ninh Thạnh' });
    const union = await server.createUnion('CĐCS Công ty May Ninh Thạnh', ward.id);
    await server.store.write((tx) => tx.updateUnion(union.id, { employer: 'Công ty May Ninh Thạnh', sector: 'private' }));
    const { code } = await server.issueCode(union.id);

    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const { page, cspViolations } = await openControlledPage(context, server.url);
      await restoreOldBackup(page);
      await page.goto(`${server.url}/#/profile`);
      expect(await fieldValue(page, 'profile.employer')).toBe(OLD_PROFILE.employer);
      expect(await page.getByTestId('profile-former-district').innerText()).toContain('Hòa Thành');

      await enrolThroughScreen(page, { serverUrl: server.url, code });
      await page.goto(`${server.url}/#/profile`);
      // What the server knows fills what was empty…
      expect(await fieldValue(page, 'profile.unionName')).toBe('CĐCS Công ty May Ninh Thạnh');
      expect(await fieldValue(page, 'profile.sector')).toBe('private');
      expect(await fieldValue(page, 'profile.superiorName')).toBe('Công đoàn phường Ninh Thạnh');
      expect(await fieldValue(page, 'profile.commune')).toBe('phường Ninh Thạnh');
      expect(await fieldValue(page, 'profile.province')).toBe('tỉnh Thử Nghiệm');
      expect(await fieldValue(page, 'profile.placeName')).toBe('Thử Nghiệm');
      // …and what the officer typed stays, the district with it (shown, never a field to fill).
      expect(await fieldValue(page, 'profile.employer')).toBe(OLD_PROFILE.employer);
      expect(await page.getByTestId('profile-former-district').innerText()).toBe(
        'Trước 01/07/2025 hồ sơ ghi huyện: Hòa Thành. Thông tin này chỉ lưu lại, không in lên văn bản.',
      );
      expect(await page.getByTestId('field-profile.district').count()).toBe(0);
      expect(await page.locator('label', { hasText: /^Huyện$/ }).count()).toBe(0);

      // The officer can still change what was filled in.
      await page.getByTestId('field-profile.commune').fill('phường Tân Ninh');
      await page.getByTestId('profile-save').click();
      await page.locator('[data-testid="profile-message"]', { hasText: 'Đã lưu hồ sơ.' }).waitFor();
      await page.reload();
      expect(await fieldValue(page, 'profile.commune')).toBe('phường Tân Ninh');
      expect(await page.getByTestId('profile-former-district').count()).toBe(1);

      // The print view asks only for what enrolment could not know.
      await page.goto(`${server.url}/#/`);
      expect(await page.getByTestId('union-name').innerText()).toBe('CĐCS Công ty May Ninh Thạnh');
      await page.getByTestId('report-open').first().click();
      await page.waitForURL(/#\/report\//);
      const reportId = /#\/report\/([^/]+)/.exec(page.url())![1]!;
      await page.goto(`${server.url}/#/print/${reportId}`);
      await page.getByTestId('print-details').waitFor();
      expect(await page.locator('[data-testid^="print-field-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')))).toEqual([
        'print-field-number',
        'print-field-date',
        'print-field-shortName',
        'print-field-signerName',
        'print-field-signerTitle',
      ]);
      expect(await page.getByTestId('doc-header').innerText()).toContain('CÔNG ĐOÀN PHƯỜNG NINH THẠNH');
      expect(await page.getByTestId('official-document').innerText()).not.toMatch(/huyện|Hòa Thành/i);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
