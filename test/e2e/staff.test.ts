/**
 * The staff dashboard in Chromium, on the production build served by the real server (SQLite).
 * Three unions straight under the province: one sent a report that reaches 80 %, one sent a report
 * under 80 % (with a dialogue session), one has not reported. Province staff sign in (a wrong password first), find the union
 * that has not reported and the one under 80 %, download the table, return the weak report with a
 * comment, and the server holds the decision. Then they add a union and issue it an enrolment code
 * that a phone can use.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReviewDecision } from '../../src/domain/sync';
import { session } from '../domain/fixtures';
import { readyReport, startTestServer, type TestServer, unionWithReport } from '../server/helpers';
import { waitForAttributes, waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

function row(page: Page, unionId: string) {
  return page.locator(`[data-testid="union-row"][data-union-id="${unionId}"]`);
}

describe('the staff dashboard', () => {
  it('signs in, finds the unions to chase, returns a report with a comment, and issues an enrolment code', async () => {
    const strong = readyReport();
    const weak = readyReport();
    weak.membership.workers = 1000;
    weak.membership.members = 653;
    weak.dialogues = [
      session({ id: 'd1', date: '2025-06-12', kind: 'districtCommittee', ledBy: 'Chủ tịch UBND huyện', recommendationsRaised: 7, recommendationsResolved: 5 }),
    ];
    const strongId = await unionWithReport(server, strong, { name: 'CĐCS Công ty May Tây Ninh' });
    const weakId = await unionWithReport(server, weak, { name: 'CĐCS Công ty Giày Dương Minh Châu' });
    const silent = await server.createUnion('CĐCS Trường Mầm non Hoa Sen');
    const { username, password } = await server.staffSession();

    const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      await page.goto(`${server.url}/#/staff`);

      // A wrong password: a Vietnamese sentence, and the form stays to try again.
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      const signInError = page.getByTestId('staff-sign-in-error');
      await signInError.waitFor();
      expect(await signInError.innerText()).toBe('Sai tên đăng nhập hoặc mật khẩu.');

      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByTestId('staff-year').selectOption('2025');
      await page.locator('[data-testid="overview-table"][data-period="2025-yearly"]').waitFor();
      // The token lives for this tab only.
      const stored = await page.evaluate(() => ({
        session: Object.values(sessionStorage),
        local: Object.values(localStorage).join(' '),
      }));
      const token = stored.session.find((value) => /^[\w-]{40,}$/.test(value));
      expect(token).toBeDefined();
      expect(stored.local).not.toContain(token);

      await waitForText(row(page, silent.id).getByTestId('union-standing'), 'Chưa báo cáo');
      expect(await row(page, weakId).getByTestId('union-rate').innerText()).toBe('65,3 %');
      expect(await row(page, weakId).getByTestId('union-target').innerText()).toBe('Chưa đạt');
      expect(await row(page, weakId).getByTestId('union-standing').innerText()).toBe('Đã gửi');
      expect(await row(page, strongId).getByTestId('union-rate').innerText()).toBe('83,3 %');
      expect(await row(page, strongId).getByTestId('union-target').innerText()).toBe('Đạt');
      await waitForText(row(page, weakId).getByTestId('union-dialogues'), '1');
      // Together: 1.120 workers, 753 members → 67,2 %.
      const total = page.getByTestId('staff-total');
      expect(await total.innerText()).toContain('1.120');
      expect(await total.getByTestId('total-rate').innerText()).toBe('67,2 %');

      await page.getByTestId('filter-below-target').check();
      await waitForAttributes(page, '[data-testid="union-row"]', 'data-union-id', [weakId]);
      // The totals follow the filters, and say so.
      await waitForText(total.getByTestId('total-rate'), '65,3 %');
      expect(await total.innerText()).toContain('Tổng cộng (chỉ các CĐCS theo bộ lọc)');
      await page.getByTestId('filter-below-target').uncheck();
      await page.getByTestId('filter-not-reported').check();
      await waitForAttributes(page, '[data-testid="union-row"]', 'data-union-id', [silent.id]);
      await page.getByTestId('filter-not-reported').uncheck();

      // The table as a CSV for the province: BOM first, Vietnamese intact.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      expect(download.suggestedFilename()).toBe('bao-cao-cdcs-2025-yearly.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      // Each line: the union, its code, its superior, its standing, then the report's figures in the form's order.
      const lines = csv.split('\r\n');
      expect(lines.find((line) => line.startsWith('CĐCS Công ty Giày Dương Minh Châu,,'))).toMatch(/^CĐCS Công ty Giày Dương Minh Châu,,[^,]+,Đã gửi,1000,653,65\.3,Chưa đạt,/);
      expect(lines.find((line) => line.startsWith('CĐCS Trường Mầm non Hoa Sen,,'))).toMatch(/^CĐCS Trường Mầm non Hoa Sen,,[^,]+,Chưa báo cáo,,,,/);

      // The weak report: figures and the dialogue session, then "Trả lại" needs a comment.
      await row(page, weakId).getByTestId('open-report').click();
      const report = page.locator(`[data-testid="staff-report"][data-report-id="${weak.id}"]`);
      await report.waitFor();
      expect(await page.getByTestId('figure-membership.members').innerText()).toBe('653');
      expect(await page.getByTestId('report-rate').innerText()).toBe('65,3 %');
      expect(await page.getByTestId('report-dialogue').innerText()).toContain('Chủ tịch UBND huyện');
      await page.getByTestId('review-return').click();
      expect(await page.getByTestId('review-message').innerText()).toBe('Vui lòng nhập nhận xét khi trả lại báo cáo.');
      expect(JSON.parse((await server.store.findReport(weak.id))!.reviewJson ?? 'null')).toBeNull();

      const comment = 'Tỷ lệ tập hợp dưới 80 %: đề nghị rà soát lại số lao động.';
      await page.getByLabel('Nhận xét').fill(comment);
      await page.getByTestId('review-return').click();
      const decision = page.locator('[data-testid="review-decision"][data-status="returned"]');
      await decision.waitFor();
      expect(await decision.getByTestId('review-comment').innerText()).toBe(comment);
      expect(await page.getByTestId('report-standing').innerText()).toBe('Bị trả lại');
      const held = JSON.parse((await server.store.findReport(weak.id))!.reviewJson ?? 'null') as ReviewDecision;
      expect(held).toMatchObject({ status: 'returned', comment });

      await page.getByRole('link', { name: /Quay lại/ }).click();
      await waitForText(row(page, weakId).getByTestId('union-standing'), 'Bị trả lại');

      // A new union and its enrolment code, issued on its card (the defaults: 3 phones, 7 days), that a phone can use.
      await page.getByLabel('Tên công đoàn cơ sở').fill('CĐCS Công ty Điện tử Tây Ninh');
      await page.getByLabel('Mã công đoàn').fill('tn-09');
      await page.getByLabel('Khu vực').selectOption('foreign');
      await page.getByTestId('union-create').click();
      expect(await page.getByTestId('union-form-message').innerText()).toBe('Đã thêm CĐCS Công ty Điện tử Tây Ninh.');
      const created = (await server.store.listUnions()).find((union) => union.name === 'CĐCS Công ty Điện tử Tây Ninh');
      expect(created).toMatchObject({ code: 'TN-09', sector: 'foreign' });
      await page.locator(`[data-testid="staff-union"][data-union-id="${created!.id}"] [data-testid="issue-code"]`).click();
      await page.getByTestId('code-issue').click();
      const code = await page.getByTestId('enrolment-card-code').innerText();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(await page.getByTestId('enrolment-card-expiry').innerText()).toMatch(/^Hết hạn: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\) · Dùng cho tối đa 3 máy$/);
      const enrol = await fetch(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'Điện thoại anh Minh' }),
      });
      expect(enrol.status).toBe(201);
      expect(((await enrol.json()) as { union: { id: string } }).union.id).toBe(created!.id);

      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the staff sign-in under a password-guessing attack', () => {
  it('tells staff in Vietnamese how long to wait once the server throttles failed attempts', async () => {
    const throttled = await startTestServer({ distDir, rateLimits: { login: { limit: 1, windowMs: 60_000 } } });
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${throttled.url}/#/staff`);
      await page.getByLabel('Tên đăng nhập').fill('nobody');
      await page.getByLabel('Mật khẩu').fill('guess-1');
      const submit = page.getByRole('button', { name: 'Đăng nhập', exact: true });
      await submit.click();
      await page.locator('[data-testid="staff-sign-in-error"][data-failure="wrong"]').waitFor();
      await page.getByLabel('Mật khẩu').fill('guess-2');
      await submit.click();
      const refused = page.locator('[data-testid="staff-sign-in-error"][data-failure="rate_limited"]');
      await refused.waitFor();
      expect(await refused.innerText()).toMatch(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ giây\.$/);
    } finally {
      await context.close();
      await throttled.close();
    }
  });
});
