/**
 * The province's admin learns on their own node screen when the last good backup was made (issue 23),
 * in Chromium on the production build served by the real server: first that none has passed its check
 * and that the server makes none of its own, then, after a backup, its time in Vietnam's clock. A
 * commune's admin is not shown the server's state. No console error on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBackup } from '../../src/server/services/backups';
import { startTestServer, type TestServer } from '../server/helpers';
import { storeConfigOf } from '../server/restoredProvince';
import { waitForText, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});
const folder = mkdtempSync(join(tmpdir(), 'bao-cao-backup-status-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the server's backups on the province's node screen", () => {
  it('says none has passed its check, then when the last one was made; a commune admin sees nothing of it', async () => {
    const province = await server.staffSession();
    const commune = await server.createNode({ name: 'Công đoàn phường Ninh Sơn' });
    const communeAdmin = await server.staffSession({ nodeId: commune.id, role: 'admin' });
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const errors = watchConsoleErrors(page);
      await signInStaff(page, server.url, province);
      const status = page.getByTestId('backup-status');
      await page.locator('[data-testid="backup-status"][data-standing="none"]').waitFor();
      expect(await status.innerText()).toContain('Chưa có bản sao lưu nào đạt kiểm tra.');
      expect(await status.innerText()).toContain('chưa đặt BACKUP_DIR');

      const made = await makeBackup({ store: server.store, now: () => new Date() }, storeConfigOf(server), join(folder, 'sao-luu.sqlite'));
      expect(made).toBeTruthy();
      await page.reload();
      await page.locator('[data-testid="backup-status"][data-standing="recent"]').waitFor();
      const last = (await server.store.lastGoodBackup())!;
      const clock = new Date(Date.parse(last.finishedAt!) + 7 * 3_600_000);
      const shown = `${String(clock.getUTCDate()).padStart(2, '0')}/${String(clock.getUTCMonth() + 1).padStart(2, '0')}/${clock.getUTCFullYear()} ${String(clock.getUTCHours()).padStart(2, '0')}:${String(clock.getUTCMinutes()).padStart(2, '0')}`;
      await waitForText(status.locator('p').first(), `Bản sao lưu gần nhất đạt kiểm tra: ${shown} (${last.sizeKb!.toLocaleString('vi-VN')} KB, ${last.rows!.toLocaleString('vi-VN')} dòng dữ liệu)`);
      expect(errors).toEqual([]);

      const other = await context.newPage();
      await signInStaff(other, server.url, communeAdmin);
      await other.getByTestId('node-name').waitFor();
      expect(await other.getByTestId('backup-status').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
