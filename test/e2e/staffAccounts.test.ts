/**
 * Accounts fit for an office, in Chromium on the production build served by the real server (SQLite):
 * an admin resets a member's password; the member signs in, must choose a new one before anything
 * else; sets up two-step sign-in by reading the key off the screen (as an authenticator app would
 * scan it), keeps the recovery codes, signs out, and signs in again with a code. No console errors.
 */
import * as OTPAuth from 'otpauth';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONSOLE, createStaff } from '../../src/server/services/staff';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForText, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { signInStaff, submitStaffSignIn } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

describe('staff accounts', () => {
  it('reset by an admin, changed by the member, then two-step sign-in with a code from the app', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Hoà Bình' });
    const admin = await server.staffSession();
    await createStaff({ store: server.store, now: () => new Date() }, CONSOLE, commune.id, { username: 'thu-ha', password: 'mật khẩu ban đầu của Hà', role: 'reviewer' });

    const adminDesk = await browser.newContext({ locale: 'vi-VN' });
    const memberDesk = await browser.newContext({ locale: 'vi-VN' });
    try {
      // The admin resets Hà's password from the commune's staff list.
      const adminPage = await adminDesk.newPage();
      const adminErrors = watchConsoleErrors(adminPage, { responses: true });
      await signInStaff(adminPage, server.url, admin);
      await adminPage.goto(`${server.url}/#/staff/node/${commune.id}`);
      const row = adminPage.locator('[data-testid="node-staff"] li[data-username="thu-ha"]');
      await row.getByTestId('reset-password').click();
      await row.getByLabel('Mật khẩu tạm thời').fill('tạm thời 2026 đổi ngay');
      await row.getByTestId('reset-password-submit').click();
      await waitForText(row.getByTestId('reset-password-done'), 'Đã đặt lại mật khẩu cho thu-ha. Hãy báo mật khẩu tạm thời cho người đó.');
      expect(adminErrors).toEqual([]);

      // Hà signs in with it and must choose her own before anything else; a common one is refused beside the field.
      const page = await memberDesk.newPage();
      const errors = watchConsoleErrors(page, { responses: true });
      await submitStaffSignIn(page, server.url, { username: 'thu-ha', password: 'tạm thời 2026 đổi ngay' });
      await page.locator('[data-testid="required-step"][data-restriction="password_change_required"]').waitFor();
      await page.getByLabel('Mật khẩu hiện tại').fill('tạm thời 2026 đổi ngay');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('qwertyuiop');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('qwertyuiop');
      await page.getByTestId('change-password').click();
      await waitForText(page.getByTestId('issue-new-password'), 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('hoa sữa nở cuối thu');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('hoa sữa nở cuối thu');
      await page.getByTestId('change-password').click();
      await page.getByTestId('staff-year').waitFor();

      // Two-step sign-in from the account screen: the key read off the screen, a code from it.
      await page.getByTestId('staff-nav-account').click();
      await page.getByTestId('account-screen').waitFor();
      expect(await page.locator('[data-testid="account-sessions"] tr[data-current="true"]').innerText()).toContain('Phiên này');
      await page.getByTestId('totp-start').click();
      await page.getByTestId('totp-qr').waitFor();
      const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) as string;
      expect((await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')).toBe(secret);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
      await page.getByLabel('Mã 6 số trên ứng dụng').fill(totp.generate());
      await page.getByTestId('totp-confirm').click();
      await page.getByTestId('recovery-codes').waitFor();
      expect(await page.locator('[data-testid="recovery-codes"] li').count()).toBe(10);
      await page.getByTestId('recovery-codes-kept').click();
      await page.getByTestId('totp-on').waitFor();
      expect(await page.getByTestId('totp-on').innerText()).toContain('Còn 10 mã khôi phục chưa dùng.');

      // Out, and in again: the password, then a code (the next step's: the one that confirmed is used up).
      await page.getByTestId('staff-sign-out').click();
      await page.getByLabel('Tên đăng nhập').waitFor();
      await submitStaffSignIn(page, server.url, { username: 'thu-ha', password: 'hoa sữa nở cuối thu' });
      await page.getByTestId('staff-sign-in-code').waitFor();
      await page.getByLabel('Mã xác thực').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.getByTestId('staff-year').waitFor();
      expect(await page.getByTestId('staff-place').getAttribute('data-node-id')).toBe(commune.id);
      // The refused common password (422), which Chromium also logs as a failed load; nothing else may appear.
      expect(errors.sort()).toEqual([
        'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
        'response: POST /api/staff/me/password 422 (on #/staff)',
      ]);
    } finally {
      await adminDesk.close();
      await memberDesk.close();
    }
  });

  it('an admin changes a member’s role after a question naming the person and both roles; the log keeps before and after', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Tân Lập' });
    const admin = await server.staffSession({ nodeId: commune.id, role: 'admin' });
    const member = await createStaff({ store: server.store, now: () => new Date() }, CONSOLE, commune.id, { username: 'van-an', password: 'mật khẩu ban đầu của An', role: 'viewer' });

    const desk = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await desk.newPage();
      const errors = watchConsoleErrors(page, { responses: true });
      await signInStaff(page, server.url, admin);
      await page.goto(`${server.url}/#/staff/node/${commune.id}`);
      const row = page.locator('[data-testid="node-staff"] li[data-username="van-an"]');
      await row.waitFor();
      // The admin's own line offers no change of role (the server refuses it too).
      expect(await page.locator(`[data-testid="node-staff"] li[data-username="${admin.username}"]`).getByTestId('change-role').count()).toBe(0);

      // Cancelling the question changes nothing.
      await row.getByTestId('change-role').click();
      await row.getByLabel('Vai trò mới').selectOption({ label: 'Xem xét báo cáo' });
      await row.getByTestId('change-role-submit').click();
      await waitForText(
        row.getByTestId('change-role-question'),
        'Đổi vai trò của van-an từ “Chỉ xem” thành “Xem xét báo cáo”? Người này sẽ làm việc theo vai trò mới ngay từ thao tác tiếp theo.',
      );
      await row.getByTestId('change-role-cancel').click();
      expect((await server.store.findStaff(member.id))?.role).toBe('viewer');

      await row.getByTestId('change-role-submit').click();
      await row.getByTestId('change-role-confirm').click();
      await waitForText(row.getByTestId('change-role-done'), 'Đã đổi vai trò của van-an thành “Xem xét báo cáo”.');
      expect(await row.getAttribute('data-role')).toBe('reviewer');
      expect(await row.innerText()).toContain('van-an · Xem xét báo cáo');
      expect((await server.store.findStaff(member.id))?.role).toBe('reviewer');
      const entries = await server.store.listAuditEntries({ underPath: '/', limit: 50, actions: ['staff.role_changed'] });
      expect(entries.filter((entry) => entry.target?.id === member.id).map((entry) => [entry.actor.username, entry.before, entry.after])).toEqual([
        [admin.username, { username: 'van-an', role: 'viewer' }, { username: 'van-an', role: 'reviewer' }],
      ]);

      // Read again from the server: the list says the new role.
      await page.reload();
      const reread = page.locator('[data-testid="node-staff"] li[data-username="van-an"]');
      await reread.waitFor();
      expect(await reread.getAttribute('data-role')).toBe('reviewer');
      expect(await reread.innerText()).toContain('van-an · Xem xét báo cáo');
      expect(errors).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
