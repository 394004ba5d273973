/**
 * An admin corrects a CĐCS's record on its page, in Chromium on the production build served by the real
 * server (SQLite): a new name and code are saved and shown; a code another union holds is refused with
 * a Vietnamese sentence beside the form, and nothing changes on the server. The page passes axe-core
 * with its error shown.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { waitForText } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

describe("a CĐCS's record", () => {
  it('is renamed and recoded by an admin, and a taken code is refused beside the form', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
    const union = await server.createUnion('CĐCS Cty Dệt Long Hoa', commune.id);
    const other = await server.createUnion('CĐCS Trường Long Hoa', commune.id);
    await server.store.write((tx) => tx.updateUnion(other.id, { code: 'LH-02' }));
    const { username, password } = await server.staffSession({ nodeId: commune.id, role: 'admin' });

    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/#/staff`);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.locator(`[data-testid="staff-node"][data-node-id="${commune.id}"]`).waitFor();
      await page.goto(`${server.url}/#/staff/node/${commune.id}/union/${union.id}`);
      const form = page.getByTestId('union-edit-form');
      await form.waitFor();

      await form.getByLabel('Tên công đoàn cơ sở').fill('CĐCS Công ty TNHH Dệt Long Hoa');
      await form.getByLabel('Mã công đoàn').fill('lh-01');
      await form.getByLabel('Khu vực').selectOption('private');
      await page.getByTestId('union-edit-submit').click();
      await waitForText(page.getByTestId('union-edit-message'), 'Đã lưu thông tin CĐCS Công ty TNHH Dệt Long Hoa.');
      expect(await page.locator('.staff-union .screen-title').innerText()).toBe('CĐCS Công ty TNHH Dệt Long Hoa');
      expect(await server.store.findUnion(union.id)).toMatchObject({ name: 'CĐCS Công ty TNHH Dệt Long Hoa', code: 'LH-01', sector: 'private' });

      await form.getByLabel('Mã công đoàn').fill('LH-02');
      await page.getByTestId('union-edit-submit').click();
      await waitForText(page.getByTestId('union-edit-message'), 'Mã này đã dùng cho công đoàn khác, hoặc không hợp lệ.');
      expect(await form.getByLabel('Mã công đoàn').getAttribute('aria-invalid')).toBe('true');
      expect((await server.store.findUnion(union.id))?.code).toBe('LH-01');
      await expectNoSeriousAxeViolations(page, "a CĐCS's page with a refused code");

      await form.getByLabel('Tên công đoàn cơ sở').fill('  ');
      await page.getByTestId('union-edit-submit').click();
      await waitForText(page.getByTestId('union-edit-message'), 'Nhập tên công đoàn cơ sở.');
      expect((await server.store.findUnion(union.id))?.name).toBe('CĐCS Công ty TNHH Dệt Long Hoa');
    } finally {
      await context.close();
    }
  });
});
