/**
 * The organisation tree in Chromium, on the production build served by the real server (SQLite):
 * a province admin builds an upper-level node and its staff; a commune reviewer sees only its own
 * CĐCS; the province reads the roll-up by upper-level union and opens a report below; a move with an
 * effective date shows in the union's history; and an officer sees whose code it is before enrolling,
 * then the superior's own name (never "LĐLĐ huyện"), which follows a rename through the change feed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readyReport, startTestServer, type TestServer, unionWithReport } from '../server/helpers';
import { openControlledPage, waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { checkEnrolmentCode, confirmEnrolment, createReport, fillAndWaitSaved, fillEnrolment } from './support/officerApp';
import { submitStaffSignIn } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/** A desktop window no wider than an office laptop's 1366 px. */
async function staffContext(): Promise<BrowserContext> {
  return browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
}

/** Signs in at #/staff and waits for the header that names the staff member's node and role. */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await submitStaffSignIn(page, server.url, { username, password });
  await page.getByTestId('staff-place').waitFor();
}

/** The page never scrolls sideways at 1366 px: wide tables scroll inside their own box. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describe('the staff of a province', () => {
  it('an admin creates an upper-level node and its reviewer, and is told in Vietnamese why a node with a CĐCS cannot be deleted', async () => {
    const admin = await server.staffSession({ role: 'admin' });
    const context = await staffContext();
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      // An old bookmark still opens the dashboard, at its new address.
      await page.goto(`${server.url}/#/district`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(new URL(page.url()).hash).toBe('#/staff');
      await signIn(page, admin.username, admin.password);
      expect(await page.getByTestId('staff-place').innerText()).toBe(`Quản trị · ${server.root.shortName || server.root.name}`);
      expect(await page.getByTestId('node-name').innerText()).toBe(server.root.name);
      expect(await page.getByTestId('node-kind').innerText()).toBe('LĐLĐ tỉnh, thành phố');

      await page.getByLabel('Loại', { exact: true }).selectOption('upper_commune');
      await page.getByLabel('Tên chính thức', { exact: true }).fill('Công đoàn phường Tân Ninh');
      await page.getByLabel('Tên viết tắt (dùng ở đầu văn bản)').fill('CĐ phường Tân Ninh');
      await page.getByTestId('node-create').click();
      expect(await page.getByTestId('node-create-message').innerText()).toBe('Đã thêm Công đoàn phường Tân Ninh.');
      const row = page.locator('[data-testid="rollup-row"]', { hasText: 'CĐ phường Tân Ninh' });
      await row.waitFor();
      const nodeId = await row.getAttribute('data-node-id');
      expect(nodeId).toBeTruthy();

      // Down into the new node: its breadcrumb leads back to the province; staff for it.
      await row.getByTestId('rollup-open').click();
      await page.locator(`[data-testid="staff-node"][data-node-id="${nodeId}"]`).waitFor();
      expect(await page.getByTestId('staff-breadcrumb').innerText()).toContain(server.root.shortName || server.root.name);
      await page.getByLabel('Tên đăng nhập').fill('tan-ninh-lan');
      await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('ngắn');
      await page.getByTestId('staff-create').click();
      expect(await page.getByTestId('staff-create-message').innerText()).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
      await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mật khẩu đủ dài 2025');
      await page.getByLabel('Quyền', { exact: true }).selectOption('reviewer');
      await page.getByTestId('staff-create').click();
      expect(await page.getByTestId('staff-create-message').innerText()).toBe('Đã tạo tài khoản tan-ninh-lan.');
      await page.locator('[data-testid="node-staff"] li[data-username="tan-ninh-lan"][data-role="reviewer"]').waitFor();
      const login = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tan-ninh-lan', password: 'mật khẩu đủ dài 2025' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { staff: { role: string; nodeId: string } }).staff).toMatchObject({ role: 'reviewer', nodeId });

      // A CĐCS under it: the server refuses to delete the node (422), and says why beside the button.
      await server.createUnion('CĐCS Công ty Điện tử Tân Ninh', nodeId!);
      await page.reload();
      await page.getByTestId('node-delete').click();
      await page.getByTestId('node-delete-confirm').click();
      const refused = page.locator('[data-testid="node-delete-message"][data-kind="error"]');
      await refused.waitFor();
      expect(await refused.innerText()).toMatch(/^Không xoá được: đơn vị còn .*1 CĐCS.*\. Hãy chuyển hoặc xoá những mục đó trước\.$/);
      expect((await fetch(`${server.url}/api/staff/nodes/${nodeId}`, { headers: admin.headers })).status).toBe(200);
      await expectNoSidewaysScroll(page);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a commune reviewer sees only its own CĐCS, may review and enrol but not manage, and another commune is not found', async () => {
    const tanNinh = await server.createNode({ name: 'Công đoàn phường Ninh Sơn' });
    const other = await server.createNode({ name: 'Công đoàn xã Bàu Đồn' });
    const own = await server.createUnion('CĐCS Công ty May Ninh Sơn', tanNinh.id);
    const foreign = await server.createUnion('CĐCS Công ty Gạch Bàu Đồn', other.id);
    const reviewer = await server.staffSession({ nodeId: tanNinh.id, role: 'reviewer' });
    const context = await staffContext();
    try {
      const page = await context.newPage();
      await signIn(page, reviewer.username, reviewer.password);
      expect(await page.getByTestId('staff-place').innerText()).toBe('Xem xét báo cáo · Công đoàn phường Ninh Sơn');
      const node = page.locator(`[data-testid="staff-node"][data-node-id="${tanNinh.id}"]`);
      await node.waitFor();
      expect(await node.getAttribute('data-actions')).toBe('review issueCode');
      await page.locator(`[data-testid="union-row"][data-union-id="${own.id}"]`).waitFor();
      expect(await page.getByTestId('union-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-union-id')))).toEqual([own.id]);
      expect(await page.locator(`[data-union-id="${foreign.id}"]`).count()).toBe(0);
      // A reviewer enrols devices, but manages neither nodes, CĐCS nor staff.
      expect(await page.getByTestId('issue-code').count()).toBe(1);
      expect(await page.getByTestId('staff-manage').count()).toBe(0);
      expect(await page.getByTestId('union-create').count()).toBe(0);
      // The province above is named, not a link.
      expect(await page.getByTestId('crumb-link').count()).toBe(0);

      await page.goto(`${server.url}/#/staff/node/${other.id}`);
      const failure = page.getByTestId('node-failure');
      await failure.waitFor();
      expect(await failure.innerText()).toBe('Không tìm thấy mục này trong phạm vi đơn vị của bạn.');
    } finally {
      await context.close();
    }
  });

  it('the province reads the roll-up by upper-level union and opens a report below; a viewer has no review buttons', async () => {
    const wardA = await server.createNode({ name: 'Công đoàn phường Hòa Thành' });
    const wardB = await server.createNode({ name: 'Công đoàn các khu công nghiệp Trảng Bàng', kind: 'upper_industrial_park' });
    const strong = readyReport();
    const weak = readyReport();
    weak.membership.workers = 1000;
    weak.membership.members = 653;
    await unionWithReport(server, strong, { name: 'CĐCS Công ty May Hòa Thành', superiorId: wardA.id });
    await server.createUnion('CĐCS Trường Tiểu học Hòa Thành', wardA.id);
    await unionWithReport(server, weak, { name: 'CĐCS Công ty Giày Trảng Bàng', superiorId: wardB.id });
    const viewer = await server.staffSession({ role: 'viewer' });
    const context = await staffContext();
    try {
      const page = await context.newPage();
      await signIn(page, viewer.username, viewer.password);
      await page.getByTestId('staff-year').selectOption(String(strong.period.year));
      const rowA = page.locator(`[data-testid="rollup-row"][data-node-id="${wardA.id}"]`);
      const rowB = page.locator(`[data-testid="rollup-row"][data-node-id="${wardB.id}"]`);
      // The chosen year's figures (the share reported differs between years), then the rest of the line.
      await waitForText(rowA.getByTestId('rollup-share'), '50,0 %');
      expect(await rowA.getByTestId('rollup-unions').innerText()).toBe('2');
      expect(await rowA.getByTestId('rollup-reported').innerText()).toBe('1');
      expect(await rowA.getByTestId('rollup-share').innerText()).toBe('50,0 %');
      expect(await rowA.getByTestId('rollup-target').innerText()).toBe('Đạt');
      expect(await rowB.getByTestId('rollup-rate').innerText()).toBe('65,3 %');
      expect(await rowB.getByTestId('rollup-target').innerText()).toBe('Chưa đạt');
      await expectNoSidewaysScroll(page);

      await page.getByTestId('rollup-filter-below-target').check();
      await rowA.waitFor({ state: 'detached' });
      await page.getByTestId('rollup-filter-below-target').uncheck();

      // Down into the industrial-park union, and its CĐCS's report.
      await rowB.getByTestId('rollup-open').click();
      await page.locator(`[data-testid="staff-node"][data-node-id="${wardB.id}"]`).waitFor();
      await page.getByTestId('open-report').click();
      await page.locator(`[data-testid="staff-report"][data-report-id="${weak.id}"]`).waitFor();
      expect(await page.getByTestId('report-rate').innerText()).toBe('65,3 %');
      expect(await page.getByTestId('report-superior').innerText()).toBe('Gửi về: Công đoàn các khu công nghiệp Trảng Bàng');
      expect(await page.getByTestId('review-accept').count()).toBe(0);
      expect(await page.getByText('Tài khoản của bạn chỉ có quyền xem báo cáo.').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('an admin moves a CĐCS to another superior with an effective date, and the move shows in its history', async () => {
    const from = await server.createNode({ name: 'Công đoàn xã Thạnh Đức' });
    const to = await server.createNode({ name: 'Công đoàn xã Gò Dầu' });
    const union = await server.createUnion('CĐCS Công ty Mía đường Thạnh Đức', from.id);
    const admin = await server.staffSession({ role: 'admin' });
    const context = await staffContext();
    try {
      const page = await context.newPage();
      await signIn(page, admin.username, admin.password);
      await page.goto(`${server.url}/#/staff/node/${from.id}`);
      await page.locator(`[data-testid="staff-union"][data-union-id="${union.id}"] [data-testid="open-union"]`).click();
      await page.locator(`[data-testid="staff-union"][data-union-id="${union.id}"][data-superior-id="${from.id}"]`).waitFor();
      await page.locator(`#move-target option[value="${to.id}"]`).waitFor({ state: 'attached' });
      await page.getByLabel('Công đoàn cấp trên mới').selectOption(to.id);
      // The day the union was placed (its first history line): a move may not take effect before it.
      // Today in Vietnam (UTC+7), as the server judges "not in the future": after 17:00 UTC it is already tomorrow there.
      const effective = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const shown = effective.split('-').reverse().join('/');
      await page.getByLabel('Ngày có hiệu lực').fill('2099-01-01');
      await page.getByTestId('move-submit').click();
      await page.getByTestId('move-confirm-yes').click();
      const future = page.locator('[data-testid="move-message"][data-kind="error"]');
      await future.waitFor();
      expect(await future.innerText()).toBe('Không chuyển được: ngày có hiệu lực không được sau hôm nay.');
      await page.getByLabel('Ngày có hiệu lực').fill(effective);
      await page.getByTestId('move-submit').click();
      await page.getByTestId('move-confirm-yes').click();
      const done = page.locator('[data-testid="move-message"][data-kind="ok"]');
      await done.waitFor();
      expect(await done.innerText()).toBe(`Đã chuyển sang Công đoàn xã Gò Dầu từ ngày ${shown}.`);
      await page.locator(`[data-testid="staff-union"][data-superior-id="${to.id}"]`).waitFor();
      const last = page.getByTestId('move-row').last();
      await waitForText(last.getByTestId('move-to'), 'Công đoàn xã Gò Dầu');
      expect(await last.getByTestId('move-from').innerText()).toBe('Công đoàn xã Thạnh Đức');
      expect(await last.getByTestId('move-date').innerText()).toBe(shown);
      expect(await last.getByTestId('move-by').innerText()).toBe(admin.username);
    } finally {
      await context.close();
    }
  });
});

describe("the officer's own superior", () => {
  it('shows whose code it is before enrolling, then names the superior, and follows its rename through the change feed', async () => {
    const ward = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
    const union = await server.createUnion('CĐCS Công ty Dệt Long Hoa', ward.id);
    const { code } = await server.issueCode(union.id);
    const admin = await server.staffSession({ role: 'admin' });
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const { page, cspViolations } = await openControlledPage(context, server.url);
      // Before enrolment: the neutral words, never a fixed "LĐLĐ huyện".
      await page.goto(`${server.url}/#/settings`);
      const unenrolled = page.locator('[data-testid="sync-panel"][data-state="unenrolled"]');
      await unenrolled.waitFor();
      expect(await unenrolled.innerText()).toContain('Máy này chưa kết nối với công đoàn cấp trên');

      await page.goto(`${server.url}/#/enrol`);
      await fillEnrolment(page, { serverUrl: server.url, code, deviceName: 'Điện thoại chị Hoa' });
      await checkEnrolmentCode(page);
      expect(await page.getByTestId('enrol-preview-union').innerText()).toBe('CĐCS Công ty Dệt Long Hoa');
      expect(await page.getByTestId('enrol-preview-superior').innerText()).toBe('Công đoàn phường Long Hoa');
      // Nothing is enrolled until the officer confirms.
      expect(await server.store.listDevices(union.id)).toHaveLength(0);
      await confirmEnrolment(page);
      expect(await page.getByTestId('enrol-done').innerText()).toContain('Đã kết nối CĐCS Công ty Dệt Long Hoa với Công đoàn phường Long Hoa.');

      await page.goto(`${server.url}/#/`);
      await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '400', 'membership.members': '350' });
      await page.getByTestId('section-review').click();
      await page.locator('[data-testid="primary-action"][data-action="send"]').click();
      const sent = page.locator('.editor-head [data-testid="report-standing"][data-stage="sent"] [data-testid="standing-sentence"]');
      await expect.poll(() => sent.innerText(), { timeout: 60_000 }).toBe('Công đoàn phường Long Hoa đã nhận báo cáo và đang xem xét. Kết quả sẽ tự hiện ở đây.');
      expect(await page.content()).not.toContain('LĐLĐ huyện');
      await page.goto(`${server.url}/#/settings`);
      await waitForText(page.getByTestId('sync-superior'), 'Báo cáo gửi về: Công đoàn phường Long Hoa');

      // The province renames the ward union; the next pull brings the new name to the phone.
      const renamed = await fetch(`${server.url}/api/staff/nodes/${ward.id}`, {
        method: 'PATCH',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Công đoàn phường Long Hoa (mới)' }),
      });
      expect(renamed.status).toBe(200);
      await page.goto(`${server.url}/#/settings`);
      await page.getByTestId('send-now').click();
      await waitForText(page.getByTestId('sync-superior'), 'Báo cáo gửi về: Công đoàn phường Long Hoa (mới)');
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
