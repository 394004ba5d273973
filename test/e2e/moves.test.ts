/**
 * Issue 21, a move keeps history as it happened, in Chromium on the production build served by the
 * real server (SQLite): a CĐCS sends from its phone, the ward union accepts, and the province moves the
 * CĐCS to an industrial-park union through the staff screen. The move asks first, naming both
 * superiors and the date, and nothing moves until it is confirmed; after it, the phone knows its new
 * superior yet still says that the ward accepted the report (it used to name the park).
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { vietnamDate } from '../../src/domain/calendar';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForText } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, enrolThroughScreen, fillAndWaitSaved } from './support/officerApp';
import { lastReportableYear, openPhoneAndDesk } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

describe('a CĐCS moved to another superior', () => {
  it('asks before moving, naming both superiors and the date; the phone still names the ward that accepted', async () => {
    const wardName = 'Công đoàn phường An Tịnh';
    const parkName = 'Công đoàn các khu công nghiệp Phước Đông';
    const ward = await server.createNode({ name: wardName });
    const park = await server.createNode({ name: parkName, kind: 'upper_industrial_park' });
    const union = await server.createUnion('CĐCS Công ty May An Tịnh', ward.id);
    const { code } = await server.issueCode(union.id);
    const reviewer = await server.staffSession({ nodeId: ward.id, role: 'reviewer' });
    const admin = await server.staffSession({ role: 'admin' });

    const { page, staffPage, csp, staffCsp, close } = await openPhoneAndDesk(browser, admin.headers);
    try {

      // The phone sends last year's report to the ward; the ward's reviewer accepts it.
      await page.goto(server.url);
      await enrolThroughScreen(page, { serverUrl: server.url, code });
      await page.goto(`${server.url}/#/`);
      const year = lastReportableYear();
      const reportId = await createReport(page, { year, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '400', 'membership.members': '350' });
      await page.getByTestId('section-review').click();
      await page.locator('[data-testid="primary-action"][data-action="send"]').click();
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="sent"]').waitFor();
      await expect.poll(async () => (await server.store.findReport(reportId))?.documentJson.includes('"status":"ready"'), { timeout: 60_000 }).toBe(true);
      const revision = String((await server.store.findReport(reportId))!.revision);
      const accepted = await fetch(`${server.url}/api/staff/reports/${reportId}/review`, {
        method: 'POST',
        headers: { ...reviewer.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'accepted', comment: 'Số liệu đầy đủ.', revision }),
      });
      expect(accepted.status, await accepted.clone().text()).toBe(200);

      // The province moves the CĐCS to the industrial park, from today (in Vietnam).
      const today = vietnamDate(new Date());
      const shown = today.split('-').reverse().join('/');
      await staffPage.goto(`${server.url}/#/staff/node/${ward.id}`);
      await staffPage.locator(`[data-testid="staff-union"][data-union-id="${union.id}"] [data-testid="open-union"]`).click();
      await staffPage.locator(`[data-testid="staff-union"][data-union-id="${union.id}"][data-superior-id="${ward.id}"]`).waitFor();
      await staffPage.locator(`#move-target option[value="${park.id}"]`).waitFor({ state: 'attached' });
      await staffPage.getByLabel('Công đoàn cấp trên mới').selectOption(park.id);
      await staffPage.getByLabel('Ngày có hiệu lực').fill(today);
      await staffPage.getByTestId('move-submit').click();
      // "Chuyển" asks first, naming both superiors and the date; nothing has moved yet.
      const question = staffPage.getByTestId('move-confirm-question');
      await question.waitFor();
      expect(await question.innerText()).toBe(
        `Chuyển CĐCS Công ty May An Tịnh từ ${wardName} sang ${parkName}, có hiệu lực từ ngày ${shown}? Các kỳ báo cáo đến hạn trước ngày đó vẫn thuộc ${wardName}.`,
      );
      expect((await server.store.findUnion(union.id))?.superiorId).toBe(ward.id);
      // Not moving leaves it where it was; asking again and confirming moves it.
      await staffPage.getByTestId('move-confirm-cancel').click();
      await staffPage.getByTestId('move-submit').waitFor();
      expect((await server.store.findUnion(union.id))?.superiorId).toBe(ward.id);
      await staffPage.getByTestId('move-submit').click();
      await staffPage.getByTestId('move-confirm-yes').click();
      const done = staffPage.locator('[data-testid="move-message"][data-kind="ok"]');
      await done.waitFor();
      expect(await done.innerText()).toBe(`Đã chuyển sang ${parkName} từ ngày ${shown}.`);
      expect((await server.store.findUnion(union.id))?.superiorId).toBe(park.id);

      // The phone learns its new superior, and still says the ward accepted the report.
      await page.goto(`${server.url}/#/settings`);
      await page.getByTestId('send-now').click();
      await waitForText(page.getByTestId('sync-superior'), `Báo cáo gửi về: ${parkName}`);
      await page.getByTestId('nav-reports').click();
      await page.getByTestId('check-replies').click();
      const card = page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-standing"][data-stage="accepted"]`);
      await card.waitFor();
      expect(await card.getByTestId('standing-sentence').innerText()).toBe(`${wardName} đã chấp nhận báo cáo. Báo cáo không sửa được nữa.`);
      expect(csp).toEqual([]);
      expect(staffCsp).toEqual([]);
    } finally {
      await close();
    }
  });
});
