/**
 * The audit log screen (issue 23) in Chromium, on the production build served by the real server
 * (SQLite): a commune's admin makes changes over the API, a failed sign-in is tried; the province's
 * admin signs in, opens "Nhật ký thao tác" from the staff nav, reads the entries newest first in
 * Vietnamese, filters by kind and by person, and downloads the filtered log as .xlsx, read back with
 * read-excel-file: the header and one row per entry shown. A reviewer has no such link. No console
 * error on the way.
 */
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, startTestServer, type TestServer } from '../server/helpers';
import { waitForAttributes, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

describe('the audit log screen', () => {
  it('shows an admin the changes of their subtree, filters them, and downloads them as a workbook', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Ninh Sơn' });
    const communeAdmin = await server.staffSession({ nodeId: commune.id, role: 'admin' });
    const created = await api<{ union: { id: string } }>(server, 'POST', '/api/staff/unions', communeAdmin, { name: 'CĐCS Công ty Cao su Ninh Sơn' });
    expect(created.status).toBe(201);
    expect((await api(server, 'PATCH', `/api/staff/unions/${created.body.union.id}`, communeAdmin, { name: 'CĐCS Cao su Ninh Sơn' })).status).toBe(200);
    expect((await api(server, 'PATCH', `/api/staff/unions/${created.body.union.id}`, communeAdmin, { employer: 'Công ty Cao su Ninh Sơn' })).status).toBe(200);
    expect((await api(server, 'POST', '/api/staff/login', null, { username: communeAdmin.username, password: 'sai-mat-khau-roi' })).status).toBe(401);
    const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
    const province = await server.staffSession();

    const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = watchConsoleErrors(page);

      // A reviewer is offered no audit log.
      await signInStaff(page, server.url, reviewer);
      expect(await page.getByTestId('staff-nav-audit').count()).toBe(0);
      await page.getByTestId('staff-sign-out').click();
      await page.getByLabel('Tên đăng nhập').waitFor();

      await signInStaff(page, server.url, province);
      await page.getByTestId('staff-nav-audit').click();
      await page.getByTestId('audit-table').waitFor();
      // Newest first: the province admin's own sign-in tops the log.
      const first = page.getByTestId('audit-entry').first();
      expect(await first.getAttribute('data-action')).toBe('staff.login');
      expect(await first.innerText()).toContain(province.username);
      expect(await first.innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      const failed = page.locator('[data-testid="audit-entry"][data-action="staff.login_failed"]');
      expect(await failed.innerText()).toContain('Đăng nhập không thành công');
      expect(await failed.innerText()).toContain('127.0.0.1');

      // By kind: the two changes of the union, newest first, each before → after.
      await page.getByTestId('audit-filter-action').selectOption('union.updated');
      await waitForAttributes(page, '[data-testid="audit-entry"]', 'data-action', ['union.updated', 'union.updated']);
      const rows = page.getByTestId('audit-entry');
      expect(await rows.nth(0).innerText()).toContain('Đơn vị sử dụng lao động: — → Công ty Cao su Ninh Sơn');
      expect(await rows.nth(1).innerText()).toContain('Tên: CĐCS Công ty Cao su Ninh Sơn → CĐCS Cao su Ninh Sơn');
      expect(await rows.nth(1).innerText()).toContain(communeAdmin.username);
      expect(await rows.nth(1).innerText()).toContain('Sửa CĐCS');

      // And by person: the commune admin's sign-in, creation and the two changes; nobody else's.
      await page.getByTestId('audit-filter-action').selectOption('');
      await page.getByTestId('audit-filter-person').selectOption(communeAdmin.id);
      await waitForAttributes(page, '[data-testid="audit-entry"]', 'data-action', ['union.updated', 'union.updated', 'union.created', 'staff.login']);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      expect(download.suggestedFilename()).toBe('nhat-ky-thao-tac.xlsx');
      const sheets = (await readXlsxFile((await download.path())!)) as { sheet: string; data: unknown[][] }[];
      expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Nhật ký']);
      const [header, ...lines] = sheets[0]!.data;
      expect(header).toEqual(['Thời gian', 'Người thực hiện', 'Đơn vị · địa chỉ', 'Thao tác', 'Đối tượng', 'Thay đổi']);
      expect(lines.map((line) => line[3])).toEqual(['Sửa CĐCS', 'Sửa CĐCS', 'Tạo CĐCS', 'Đăng nhập']);
      expect(lines.every((line) => line[1] === communeAdmin.username)).toBe(true);
      expect(lines[0]![2]).toBe('Công đoàn phường Ninh Sơn · 127.0.0.1');
      expect(lines[1]![5]).toBe('Tên: CĐCS Công ty Cao su Ninh Sơn → CĐCS Cao su Ninh Sơn');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
